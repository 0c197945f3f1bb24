/* xa-store-private.h — what the store's files share: the tables and columns of each record
 * type, the functions that move records in and out of their rows (xa-store-rows.c, used by
 * xa-store.c), and the store's connection for the read queries of xa-store-queries.c. */
#pragma once

#include <sqlite3.h>

#include "xa-store.h"

G_BEGIN_DECLS

/* Indexed by XaRecordType, in dependency order (parents first). */
extern const char * const _xa_store_table_names[XA_N_RECORD_TYPES];
/* The columns each upsert binds after (id, version), in binding order. */
extern const char * const _xa_store_table_columns[XA_N_RECORD_TYPES];

/* The store's own connection, for read queries kept in other files (xa-store-queries.c).
 * Owned by the store; use it from the store's thread only. */
sqlite3 *_xa_store_get_db      (XaStore      *self);

/* Binds @change (not a tombstone) to its type's upsert statement. */
void     _xa_store_bind_record (sqlite3_stmt *stmt,
                                XaChange     *change);
/* Reads the current row of a "SELECT id, version, <columns>" into a new record. */
gpointer _xa_store_read_row    (sqlite3      *db,
                                XaRecordType  type,
                                sqlite3_stmt *stmt);

G_END_DECLS
