/* xa-records-private.h — what the records' files share: the reader of one record's fields
 * (xa-records-fields.c), which the parser of each record type and of the change around it
 * (xa-records.c) call field by field. */
#pragma once

#include "xa-records.h"

G_BEGIN_DECLS

/* Reads fields of one record's data object; the first failure is kept in @error and
 * every later read is a no-op, so a parser reads all fields and checks once at the end. */
typedef struct
{
  const char       *type;
  const char       *id;
  const XaJsonNode *object;
  const XaJsonNode *last;     /* the member found last: the next one usually follows it */
  const char       *prefix;   /* "supplies." for nested flood items, else "" */
  GError           *error;
} XaFieldReader;

/* Up to 64 ASCII letters, digits, '.', '_' and '-'. */
gboolean          _xa_id_is_valid        (const char         *id);
/* An integer or a double. */
gboolean          _xa_node_is_number     (const XaJsonNode   *node);

/* Sets @r's error, unless it has one, to "<type> <id>: field “<prefix><field>”: <detail>". */
void              _xa_reader_fail        (XaFieldReader      *r,
                                          XaRecordError       code,
                                          const char         *field,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (4, 5);
/* The member @field, or NULL when it is absent or null (a failure when @required). */
const XaJsonNode *_xa_reader_node        (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* The string @field without a copy, or NULL; may be empty. */
const char       *_xa_reader_peek_string (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);

/* Each returns the value, or NULL, 0 or FALSE when it is absent or after a failure. */
/* A copy of the string @field; when @required it must not be empty. */
char             *_xa_read_string        (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* A copy of the required id @field, which points at another record. */
char             *_xa_read_ref           (XaFieldReader      *r,
                                          const char         *field);
gint64            _xa_read_int           (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required,
                                          gint64              min,
                                          gint64              max);
gboolean          _xa_read_bool          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* Returns the index in @names, or @absent when the optional field is missing. */
int               _xa_read_enum          (XaFieldReader      *r,
                                          const char         *field,
                                          const char * const *names,
                                          gboolean            required,
                                          int                 absent);
/* An ISO 8601 time with an offset, in unix seconds. */
gint64            _xa_read_time          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* A copy of the YYYY-MM-DD date @field. */
char             *_xa_read_date          (XaFieldReader      *r,
                                          const char         *field,
                                          gboolean            required);
/* The required "lat" and "lon", which must fall inside China. */
void              _xa_read_position      (XaFieldReader      *r,
                                          double             *lat,
                                          double             *lon);

/* When the JSON @failure happened inside the change object at @level, sets @error to an
 * XA_RECORD_ERROR_BAD_JSON that names the record (type and id when they were read before
 * the fault) and the field, with @json_error's detail, and returns TRUE. */
gboolean          _xa_change_name_json_failure (const XaJsonFailure *failure,
                                                guint                level,
                                                const GError        *json_error,
                                                GError             **error);

G_END_DECLS
