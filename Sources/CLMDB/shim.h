// The one entry point of the C library. Only the Swift module `LMDB` imports this.
#include <lmdb.h>
