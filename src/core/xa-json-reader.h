/* xa-json-reader.h — a small, strict JSON reader for the pages of the change feed. A page is
 * parsed in one pass into one flat array of nodes that point into the page's own buffer
 * (strings are decoded in place), so a 5000-record page costs two allocations instead of a
 * JsonNode and a hash table per value. Read-only: nothing here builds or writes JSON. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XA_JSON_ERROR (xa_json_error_quark ())
GQuark xa_json_error_quark (void);

typedef enum
{
  XA_JSON_ERROR_TRUNCATED,        /* the text ends inside a value */
  XA_JSON_ERROR_SYNTAX,           /* a character that cannot stand there */
  XA_JSON_ERROR_BAD_STRING,       /* a control character, bad escape or lone surrogate */
  XA_JSON_ERROR_BAD_UTF8,         /* bytes that are not UTF-8 */
  XA_JSON_ERROR_BAD_NUMBER,       /* a number outside the grammar or the range of a double */
  XA_JSON_ERROR_TOO_DEEP,         /* more nesting than XA_JSON_MAX_DEPTH */
  XA_JSON_ERROR_TRAILING,         /* something after the value */
  XA_JSON_ERROR_DUPLICATE_MEMBER, /* an object names a member twice */
  XA_JSON_ERROR_TOO_LARGE,        /* the text is longer than the reader can index */
} XaJsonError;

/* Records nest four levels; anything much deeper is an attack or a bug. */
#define XA_JSON_MAX_DEPTH 64

typedef enum
{
  XA_JSON_NULL,
  XA_JSON_BOOLEAN,
  XA_JSON_INTEGER,   /* a number without fraction or exponent that fits a gint64 */
  XA_JSON_DOUBLE,    /* every other number */
  XA_JSON_STRING,
  XA_JSON_ARRAY,
  XA_JSON_OBJECT,
} XaJsonKind;

typedef struct _XaJsonDocument XaJsonDocument;
typedef struct _XaJsonNode XaJsonNode;
typedef struct _XaJsonFailure XaJsonFailure;

/* Parses @data, taking ownership of it (g_free); strings are decoded in place, so the
 * buffer must be writable. On error @data is freed too. */
XaJsonDocument   *xa_json_document_new_take (char        *data,
                                             gsize        length,
                                             GError     **error);
/* The same, and on failure (when @out_failure is not NULL) where reading stopped, so that a
 * message can name the record and the field rather than only a byte. */
XaJsonDocument   *xa_json_document_new_take_full (char           *data,
                                                  gsize           length,
                                                  XaJsonFailure **out_failure,
                                                  GError        **error);
/* The same on a copy of @data; @length -1 means NUL-terminated. */
XaJsonDocument   *xa_json_document_new      (const char  *data,
                                             gssize       length,
                                             GError     **error);
void              xa_json_document_free     (XaJsonDocument *document);
const XaJsonNode *xa_json_document_get_root (XaJsonDocument *document);

XaJsonKind        xa_json_node_get_kind     (const XaJsonNode *node);
gboolean          xa_json_node_get_boolean  (const XaJsonNode *node);
gint64            xa_json_node_get_int      (const XaJsonNode *node);
/* Integers convert; anything else is 0. */
double            xa_json_node_get_double   (const XaJsonNode *node);
/* NUL-terminated; @length (may be NULL) counts bytes and includes any \u0000 inside. */
const char       *xa_json_node_get_string   (const XaJsonNode *node,
                                             gsize            *length);
/* Elements of an array, members of an object, 0 otherwise. */
guint             xa_json_node_get_size     (const XaJsonNode *node);

/* Walking a container: the first element or member, then each next one; NULL after the
 * last. A member node is its value; xa_json_node_get_name() gives its name. */
const XaJsonNode *xa_json_node_first_child  (const XaJsonNode *node);
const XaJsonNode *xa_json_node_next         (const XaJsonNode *node);
const char       *xa_json_node_get_name     (const XaJsonNode *node);

/* The member of @object called @name, or NULL. The search starts after @hint (a member of
 * @object, or NULL) and wraps around, so a reader that asks for the members in the order
 * they were written finds each at the first try. */
const XaJsonNode *xa_json_object_get_member (const XaJsonNode *object,
                                             const char       *name,
                                             const XaJsonNode *hint);

/* A failure is read through the containers that were open when reading stopped, level 0
 * being the outermost. Each level's step is the member name being read ("" while its name
 * itself was being read) or "[n]" for the n-th element of an array. */
guint             xa_json_failure_get_depth  (const XaJsonFailure *failure);
const char       *xa_json_failure_get_step   (const XaJsonFailure *failure,
                                              guint                level);
/* A string member the object at @level had shown before the failure, or NULL. */
const char       *xa_json_failure_get_string (const XaJsonFailure *failure,
                                              guint                level,
                                              const char          *name);
void              xa_json_failure_free       (XaJsonFailure       *failure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaJsonDocument, xa_json_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaJsonFailure, xa_json_failure_free)

G_END_DECLS
