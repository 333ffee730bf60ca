#include "CSQLiteTuning.h"

#include <sqlite3.h>

int partnerbot_sqlite_disable_memstatus(void) {
    // sqlite3_config is variadic: Swift cannot call it directly.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
