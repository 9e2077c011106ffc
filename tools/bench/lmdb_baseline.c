/*
 * lmdb_baseline.c — what LMDB alone does on this machine for an event log's access pattern: the ceiling
 * TaskLedger's figures are compared with, measured by tools/bench/run in the same run, with the same number
 * of records, the same record size and the same commit batching.
 *
 * The keys are 8-byte big-endian sequence numbers, as in TaskLedger's `events` database; values are filled
 * with JSON-like bytes and differ per record; every put uses MDB_APPEND, as TaskLedger's log writer does.
 *
 *   lmdb_baseline write DIR N BATCH sync|nosync VALSIZE
 *       a fresh environment in DIR (data.mdb and lock.mdb are removed first); N records, a commit every
 *       BATCH records. sync = LMDB's default durability (fdatasync at every commit); nosync = MDB_NOSYNC
 *       with one mdb_env_sync at the end, timed separately.
 *   lmdb_baseline scan DIR [DBNAME]
 *       one read transaction, MDB_FIRST..MDB_NEXT over every record of the unnamed database (or of the named
 *       one, e.g. TaskLedger's "events"), touching every cache line of every value; run twice by tools/bench/run
 *       so that the second pass is warm.
 *   lmdb_baseline rand DIR M [DBNAME]
 *       M random point reads of existing keys: in one read transaction, then with a fresh one per read.
 *
 * Each measurement prints one line "RESULT <what> key=value …"; `recs_per_s` is the rate.
 *
 * Build: cc -O2 -Wall -o lmdb_baseline lmdb_baseline.c $(pkg-config --cflags --libs lmdb)
 */
#define _POSIX_C_SOURCE 200809L
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHECK(expr)                                                                                    \
    do {                                                                                               \
        int rc_ = (expr);                                                                              \
        if (rc_) {                                                                                     \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #expr, mdb_strerror(rc_));          \
            exit(1);                                                                                   \
        }                                                                                              \
    } while (0)

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void be64(unsigned char *b, uint64_t v) {
    for (int i = 7; i >= 0; i--) {
        b[i] = (unsigned char)(v & 0xff);
        v >>= 8;
    }
}

/* Deterministic, so two runs read the same keys. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t xorshift(void) {
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static long peak_rss_kib(void) {
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static MDB_env *open_env(const char *dir, unsigned flags) {
    MDB_env *env;
    CHECK(mdb_env_create(&env));
    CHECK(mdb_env_set_maxdbs(env, 16));
    CHECK(mdb_env_set_mapsize(env, (size_t)64 << 30)); /* address space only; the file grows as needed */
    CHECK(mdb_env_open(env, dir, flags, 0644));
    return env;
}

static double file_mib(const char *dir) {
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/data.mdb", dir);
    return stat(p, &st) == 0 ? st.st_size / 1048576.0 : -1;
}

static int cmd_write(const char *dir, long n, long batch, const char *mode, int valsize) {
    char p[4096];
    int nosync = strcmp(mode, "nosync") == 0;
    if (n < 1 || batch < 1 || valsize < 8) {
        fprintf(stderr, "write: N and BATCH must be at least 1 and VALSIZE at least 8\n");
        return 2;
    }
    mkdir(dir, 0755);
    snprintf(p, sizeof p, "%s/data.mdb", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/lock.mdb", dir);
    unlink(p);

    MDB_env *env = open_env(dir, nosync ? MDB_NOSYNC : 0);
    MDB_dbi dbi;
    MDB_txn *txn;
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    CHECK(mdb_dbi_open(txn, NULL, 0, &dbi));
    CHECK(mdb_txn_commit(txn));

    static const char filler[] = "{\"type\":\"TaskAssigned\",\"payload\":{\"title\":\"Báo cáo tiến độ dự án\"}}";
    unsigned char key[8];
    unsigned char *val = malloc((size_t)valsize);
    for (int i = 0; i < valsize; i++) val[i] = (unsigned char)filler[i % (sizeof filler - 1)];

    long commits = 0;
    double t0 = now();
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (long i = 0; i < n; i++) {
        be64(key, (uint64_t)i + 1);
        memcpy(val, key, 8); /* every value differs */
        MDB_val k = {8, key}, v = {(size_t)valsize, val};
        CHECK(mdb_put(txn, dbi, &k, &v, MDB_APPEND));
        if ((i + 1) % batch == 0 || i + 1 == n) {
            CHECK(mdb_txn_commit(txn));
            commits++;
            if (i + 1 < n) CHECK(mdb_txn_begin(env, NULL, 0, &txn));
        }
    }
    double t1 = now();
    CHECK(mdb_env_sync(env, 1));
    double t2 = now();
    double el = t1 - t0;
    printf("RESULT write mode=%s n=%ld batch=%ld valsize=%d commits=%ld secs=%.3f recs_per_s=%.0f "
           "commits_per_s=%.1f final_sync_s=%.3f recs_per_s_incl_final_sync=%.0f file_MiB=%.1f peak_rss_KiB=%ld\n",
           mode, n, batch, valsize, commits, el, n / el, commits / el, t2 - t1, n / (t2 - t0), file_mib(dir),
           peak_rss_kib());
    mdb_env_close(env);
    free(val);
    return 0;
}

static MDB_dbi open_db(MDB_txn *txn, const char *name) {
    MDB_dbi dbi;
    CHECK(mdb_dbi_open(txn, name, 0, &dbi));
    return dbi;
}

static int cmd_scan(const char *dir, const char *name) {
    MDB_env *env = open_env(dir, MDB_RDONLY);
    MDB_txn *txn;
    MDB_cursor *cur;
    CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    MDB_dbi dbi = open_db(txn, name);
    CHECK(mdb_cursor_open(txn, dbi, &cur));
    MDB_val k, v;
    long n = 0;
    uint64_t bytes = 0, sum = 0;
    double t0 = now();
    int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    while (rc == 0) {
        n++;
        bytes += k.mv_size + v.mv_size;
        const unsigned char *d = v.mv_data;
        for (size_t i = 0; i < v.mv_size; i += 64) sum += d[i]; /* touch every cache line */
        sum += ((const unsigned char *)k.mv_data)[k.mv_size - 1];
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
    double el = now() - t0;
    if (rc != MDB_NOTFOUND) CHECK(rc);
    printf("RESULT scan db=%s n=%ld secs=%.3f recs_per_s=%.0f MiB_per_s=%.1f mean_value_bytes=%.1f file_MiB=%.1f "
           "peak_rss_KiB=%ld checksum=%llu\n",
           name ? name : "(unnamed)", n, el, n / el, bytes / 1048576.0 / el, n ? (double)(bytes - 8 * n) / n : 0,
           file_mib(dir), peak_rss_kib(), (unsigned long long)sum);
    mdb_cursor_close(cur);
    mdb_txn_abort(txn);
    mdb_env_close(env);
    return 0;
}

static int cmd_rand(const char *dir, long m, const char *name) {
    MDB_env *env = open_env(dir, MDB_RDONLY);
    MDB_txn *txn;
    MDB_stat st;
    /* The handle is opened in a transaction of its own and committed: only a committed handle survives the
       reset and renew of the second loop. */
    CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    MDB_dbi dbi = open_db(txn, name);
    CHECK(mdb_txn_commit(txn));
    CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    CHECK(mdb_stat(txn, dbi, &st));
    long n = (long)st.ms_entries;
    if (n == 0) {
        fprintf(stderr, "rand: the database is empty\n");
        return 1;
    }
    unsigned char key[8];
    MDB_val k = {8, key}, v;
    uint64_t sum = 0;

    double t0 = now();
    for (long i = 0; i < m; i++) {
        be64(key, xorshift() % (uint64_t)n + 1);
        CHECK(mdb_get(txn, dbi, &k, &v));
        sum += ((const unsigned char *)v.mv_data)[v.mv_size - 1];
    }
    double el1 = now() - t0;

    t0 = now();
    for (long i = 0; i < m; i++) {
        mdb_txn_reset(txn);
        CHECK(mdb_txn_renew(txn));
        be64(key, xorshift() % (uint64_t)n + 1);
        CHECK(mdb_get(txn, dbi, &k, &v));
        sum += ((const unsigned char *)v.mv_data)[v.mv_size - 1];
    }
    double el2 = now() - t0;
    printf("RESULT rand db=%s entries=%ld depth=%u reads=%ld one_txn_recs_per_s=%.0f txn_per_read_recs_per_s=%.0f "
           "checksum=%llu\n",
           name ? name : "(unnamed)", n, st.ms_depth, m, m / el1, m / el2, (unsigned long long)sum);
    mdb_txn_abort(txn);
    mdb_env_close(env);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 7 && strcmp(argv[1], "write") == 0)
        return cmd_write(argv[2], atol(argv[3]), atol(argv[4]), argv[5], atoi(argv[6]));
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "scan") == 0) return cmd_scan(argv[2], argc == 4 ? argv[3] : NULL);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "rand") == 0)
        return cmd_rand(argv[2], atol(argv[3]), argc == 5 ? argv[4] : NULL);
    fprintf(stderr, "usage: %s write DIR N BATCH sync|nosync VALSIZE | scan DIR [DBNAME] | rand DIR M [DBNAME]\n",
            argv[0]);
    return 2;
}
