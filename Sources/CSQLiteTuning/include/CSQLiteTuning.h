#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take a global mutex on
/// every allocation and free. Only possible before SQLite initialises: call it before the first
/// connection opens. Returns SQLITE_OK, or SQLITE_MISUSE when SQLite was already initialised
/// (the setting then stays as it was: harmless).
int partnerbot_sqlite_disable_memstatus(void);

#endif
