/* xa-store-rows.c — a record as a row of its table: binding a parsed record to its type's
 * upsert statement and reading a row back into a record, both by walking the record type's
 * description (xa-records.c), so a new field needs no code here. Kept apart from xa-store.c
 * so the store's transaction logic reads on its own. */
#include "config.h"

#include "xa-records-private.h"
#include "xa-store-private.h"

/* — binding records to their upsert statement — */

static void
bind_text (sqlite3_stmt *stmt,
           int          *column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, (*column)++, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, (*column)++);
}

/* Optional integers are NULL in the store when the record has none (0 in the struct). */
static void
bind_int (sqlite3_stmt *stmt,
          int          *column,
          gboolean      required,
          gint64        value)
{
  if (required || value != 0)
    sqlite3_bind_int64 (stmt, (*column)++, value);
  else
    sqlite3_bind_null (stmt, (*column)++);
}

static void
bind_fields (sqlite3_stmt      *stmt,
             int               *col,
             const XaFieldSpec *fields,
             guint              n_fields,
             const guint8      *base)
{
  for (const XaFieldSpec *f = fields; f < fields + n_fields; f++)
    {
      gconstpointer member = base + f->offset;

      switch (f->kind)
        {
        case XA_FIELD_STRING:
        case XA_FIELD_REF:
        case XA_FIELD_DATE:
          bind_text (stmt, col, *(char * const *) member);
          break;
        case XA_FIELD_INT:
          bind_int (stmt, col, f->required, *(const int *) member);
          break;
        case XA_FIELD_ENUM:
          {
            int value = *(const int *) member;

            bind_text (stmt, col, value >= 0 ? f->names[value] : NULL);
          }
          break;
        case XA_FIELD_INT64:
        case XA_FIELD_TIME:
          bind_int (stmt, col, f->required, *(const gint64 *) member);
          break;
        case XA_FIELD_BOOL:
          bind_int (stmt, col, TRUE, *(const gboolean *) member);
          break;
        case XA_FIELD_POSITION:
          sqlite3_bind_double (stmt, (*col)++, ((const double *) member)[0]);
          sqlite3_bind_double (stmt, (*col)++, ((const double *) member)[1]);
          break;
        case XA_FIELD_BOUNDARY:
          /* The ring as raw doubles: read back without parsing, drawn at high zoom. */
          if (*(double * const *) member != NULL)
            sqlite3_bind_blob (stmt, (*col)++, *(double * const *) member,
                               G_STRUCT_MEMBER (guint, base, f->count_offset) * 2 * sizeof (double),
                               SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, (*col)++);
          break;
        case XA_FIELD_ID_LIST:
          break;   /* rows of their own: see apply_change() in xa-store.c */
        case XA_FIELD_ITEMS:
          for (guint i = 0; f->names[i] != NULL; i++)
            bind_fields (stmt, col, f->item_fields, f->n_item_fields,
                         base + f->offset + i * f->item_size);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
_xa_store_bind_record (sqlite3_stmt *stmt,
                       XaChange     *change)
{
  const XaRecordSpec *spec = _xa_record_spec (change->type);
  int col = 1;

  sqlite3_bind_text (stmt, col++, change->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, col++, change->version);
  bind_fields (stmt, &col, spec->fields, spec->n_fields, change->record);
}

/* — reading rows back into records — */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

/* The ids a record of @type lists in the link table "<type>_<target>". */
static char **
read_links (sqlite3           *db,
            XaRecordType       type,
            const XaFieldSpec *f,
            const char        *id)
{
  const char *owner = xa_record_type_to_string (type);
  const char *target = xa_record_type_to_string (f->target);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s_%s WHERE %s = ? ORDER BY %s",
                                          target, owner, target, owner, target);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (links, column_dup (stmt, 0));
      sqlite3_finalize (stmt);
    }
  g_ptr_array_add (links, NULL);
  return (char **) g_ptr_array_steal (links, NULL);
}

static void
read_fields (sqlite3           *db,
             XaRecordType       type,
             sqlite3_stmt      *stmt,
             int               *c,
             const XaFieldSpec *fields,
             guint              n_fields,
             guint8            *base,
             const char        *id)
{
  for (const XaFieldSpec *f = fields; f < fields + n_fields; f++)
    {
      gpointer member = base + f->offset;

      switch (f->kind)
        {
        case XA_FIELD_STRING:
        case XA_FIELD_REF:
        case XA_FIELD_DATE:
          *(char **) member = column_dup (stmt, (*c)++);
          break;
        case XA_FIELD_INT:
        case XA_FIELD_BOOL:
          *(int *) member = sqlite3_column_int (stmt, (*c)++);
          break;
        case XA_FIELD_INT64:
        case XA_FIELD_TIME:
          *(gint64 *) member = sqlite3_column_int64 (stmt, (*c)++);
          break;
        case XA_FIELD_ENUM:
          {
            int value = xa_enum_from_string (f->names,
                                             (const char *) sqlite3_column_text (stmt, (*c)++));
            *(int *) member = value >= 0 ? value : f->absent;
          }
          break;
        case XA_FIELD_POSITION:
          ((double *) member)[0] = sqlite3_column_double (stmt, (*c)++);
          ((double *) member)[1] = sqlite3_column_double (stmt, (*c)++);
          break;
        case XA_FIELD_BOUNDARY:
          {
            int bytes = sqlite3_column_bytes (stmt, *c);

            if (bytes > 0 && bytes % (2 * sizeof (double)) == 0)
              {
                *(double **) member = g_memdup2 (sqlite3_column_blob (stmt, *c), bytes);
                G_STRUCT_MEMBER (guint, base, f->count_offset) = bytes / (2 * sizeof (double));
              }
            (*c)++;
          }
          break;
        case XA_FIELD_ID_LIST:
          *(char ***) member = read_links (db, type, f, id);
          break;
        case XA_FIELD_ITEMS:
          for (guint i = 0; f->names[i] != NULL; i++)
            read_fields (db, type, stmt, c, f->item_fields, f->n_item_fields,
                         base + f->offset + i * f->item_size, id);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

gpointer
_xa_store_read_row (sqlite3      *db,
                    XaRecordType  type,
                    sqlite3_stmt *stmt)
{
  const XaRecordSpec *spec = _xa_record_spec (type);
  guint8 *record = g_malloc0 (spec->size);
  char *id = column_dup (stmt, 0);
  int c = 2;   /* columns 0 and 1 are id and version */

  G_STRUCT_MEMBER (char *, record, spec->id_offset) = id;
  read_fields (db, type, stmt, &c, spec->fields, spec->n_fields, record, id);
  return record;
}
