// Module Merkle.
