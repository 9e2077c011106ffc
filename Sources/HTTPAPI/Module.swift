// Module HTTPAPI.
