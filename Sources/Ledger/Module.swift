// Module Ledger.
