/* xa-record-ids.h — the syntax of a record id (src/records-api.md), the one rule the
 * client's parser and the server's writes both check, so that the server never stores an
 * id that a client would refuse. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest id the contract allows, in bytes (= characters: ids are ASCII). */
#define XA_RECORD_ID_MAX_LENGTH 64

/* TRUE when @id is 1 to XA_RECORD_ID_MAX_LENGTH ASCII letters, digits, '.', '_' and '-'.
 * NULL is not an id. */
gboolean xa_record_id_is_valid (const char *id);

G_END_DECLS
