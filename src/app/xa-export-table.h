/* xa-export-table.h — one of the tables a bureau exports (compounds, elevators, problems),
 * read from the store in one pass into typed cells with translated column titles, for the
 * CSV, XLSX and PDF writers. Every data row is exactly one record. */
#pragma once

#include <glib.h>

#include "xa-elevator-priority.h"
#include "xa-store.h"

G_BEGIN_DECLS

#define XA_EXPORT_ERROR (xa_export_error_quark ())
GQuark xa_export_error_quark (void);

typedef enum
{
  XA_EXPORT_ERROR_UNKNOWN_TABLE,    /* not compounds, elevators or problems */
  XA_EXPORT_ERROR_UNKNOWN_DISTRICT, /* no district with that code in the store */
  XA_EXPORT_ERROR_EMPTY_STORE,      /* nothing was ever synced into the store */
  XA_EXPORT_ERROR_UNKNOWN_FORMAT,   /* the output's extension names no format */
  XA_EXPORT_ERROR_WRITE,            /* the output file could not be written */
} XaExportError;

typedef enum
{
  XA_EXPORT_COMPOUNDS,
  XA_EXPORT_ELEVATORS,
  XA_EXPORT_PROBLEMS,
  XA_N_EXPORT_KINDS
} XaExportKind;

typedef enum
{
  XA_EXPORT_CELL_EMPTY,
  XA_EXPORT_CELL_TEXT,
  XA_EXPORT_CELL_INTEGER,   /* @number */
  XA_EXPORT_CELL_DATE,      /* @text is YYYY-MM-DD, a day in UTC+8 */
  XA_EXPORT_CELL_DATE_TIME, /* @number is unix seconds; @text "YYYY-MM-DD HH:MM" in UTC+8 */
} XaExportCellType;

typedef struct
{
  XaExportCellType type;
  gint64           number;
  char            *text;
} XaExportCell;

typedef struct _XaExportTable XaExportTable;

/* "compounds", "elevators", "problems": the names the command line takes. */
const char    *xa_export_kind_to_string   (XaExportKind  kind);
gboolean       xa_export_kind_from_string (const char   *name,
                                           XaExportKind *out_kind);
/* The valid names joined by ", ", for messages. Free with g_free(). */
char          *xa_export_kind_list        (void);

/* Reads the table @kind from @store, only the records of @district_code when it is not
 * NULL. @now (unix seconds) dates what depends on the day: overdue, years in service; the
 * elevators' priority is scored with @params (NULL: xa_priority_params_default()).
 * XA_EXPORT_ERROR_EMPTY_STORE when the store holds no compounds,
 * XA_EXPORT_ERROR_UNKNOWN_DISTRICT when it holds no such district. */
XaExportTable *xa_export_table_new        (XaStore                *store,
                                           XaExportKind            kind,
                                           const char             *district_code,
                                           gint64                  now,
                                           const XaPriorityParams *params,
                                           GError                **error);
/* The same for the rows a view shows: only the records whose ids are in @ids, in that order
 * (@district_code then only names the district in the filter); @view_filters (may be NULL) says
 * in words which filters of the view chose them, after the district in the table's filter.
 * A record gone from the store since the view read it is left out. @ids NULL: every record,
 * as xa_export_table_new() reads them. */
XaExportTable *xa_export_table_new_rows   (XaStore                *store,
                                           XaExportKind            kind,
                                           const char             *district_code,
                                           GPtrArray              *ids,
                                           const char             *view_filters,
                                           gint64                  now,
                                           const XaPriorityParams *params,
                                           GError                **error);
void           xa_export_table_free       (XaExportTable *table);
/* Adds a last column titled @title (translated) for what a view shows beside the records,
 * such as the measure of the list of compounds: in each row @texts' value for the row's key
 * (the compound id, registration code or ticket number), empty where it has none. Once. */
void           xa_export_table_add_column (XaExportTable *table,
                                           const char    *title,
                                           GHashTable    *texts);

XaExportKind   xa_export_table_get_kind       (XaExportTable *table);
/* The table's translated title ("Elevators"). */
const char    *xa_export_table_get_title      (XaExportTable *table);
/* The translated filter ("All districts", "兰山区 (371302)", "兰山区 (371302) · Planned"). */
const char    *xa_export_table_get_filter     (XaExportTable *table);
gint64         xa_export_table_get_now        (XaExportTable *table);
/* When the store last took a page from its server (unix seconds): what the figures are as
 * of. 0 for a store never synced. */
gint64         xa_export_table_get_last_sync  (XaExportTable *table);
guint          xa_export_table_get_n_columns  (XaExportTable *table);
guint          xa_export_table_get_n_rows     (XaExportTable *table);
/* The translated title of @column. */
const char    *xa_export_table_get_column_title (XaExportTable *table,
                                                 guint          column);
/* Whether @column identifies the record (compound id, registration code, ticket number):
 * a printed page never cuts it short. */
gboolean       xa_export_table_column_is_key  (XaExportTable *table,
                                               guint          column);
const XaExportCell *xa_export_table_get_cell  (XaExportTable *table,
                                               guint          row,
                                               guint          column);

/* The cell as text, as CSV and PDF show it; "" for an empty cell. Free with g_free(). */
char          *xa_export_cell_to_text     (const XaExportCell *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaExportTable, xa_export_table_free)

G_END_DECLS
