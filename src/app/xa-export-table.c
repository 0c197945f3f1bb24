/* xa-export-table.c — see xa-export-table.h. Each table is read with one pass over each
 * record type it needs (xa_store_foreach), joined through hash tables built once: no query
 * per row, so 100,000 elevators cost a few passes over the store, not 100,000 lookups. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xa-calendar.h"
#include "xa-compound-names.h"
#include "xa-elevator-priority.h"
#include "xa-export-table.h"
#include "xa-metrics.h"
#include "xa-record-words.h"
#include "xa-store-queries.h"

G_DEFINE_QUARK (xa-export-error-quark, xa_export_error)

/* NULL-terminated for xa_enum_from_string() and g_strjoinv(). */
static const char * const kind_names[XA_N_EXPORT_KINDS + 1] = {
  "compounds", "elevators", "problems", NULL
};

/* What a column shows of its record: a member as it is, or a value worked out from the
 * record and what the passes gathered (add_worked_out()). */
typedef enum
{
  FROM_TEXT,        /* a char * member */
  FROM_NUMBER,      /* an int member */
  FROM_YEAR,        /* an int member; 0 means not known (built year, planned year): empty */
  FROM_DATE,        /* a char * member, YYYY-MM-DD as the records carry it */
  FROM_TIME,        /* a gint64 member, unix seconds */
  WORKED_OUT,       /* @what says which value */
} ColumnSource;

/* The values worked out. */
typedef enum
{
  COMPOUND_DISTRICT, OPEN_PROBLEMS, OVERDUE_PROBLEMS, ELEVATORS,
  RECORD_COMPOUND, RECORD_DISTRICT,
  YEARS_IN_SERVICE, INSPECTION_RESULT, GRADE, RENEWAL, FUNDING, PRIORITY, PRIORITY_REASONS,
  STATUS, TIER, CATEGORY, SOURCE, DAYS_OPEN, IS_OVERDUE,
} Worked;

typedef struct
{
  const char   *name;     /* translated in the context "export column" when shown */
  ColumnSource  source;
  gsize         offset;   /* of the member */
  Worked        what;
} Column;

#define MEMBER(source, type, member) source, G_STRUCT_OFFSET (type, member), 0
#define WORKED(what) WORKED_OUT, 0, what

/* A table per kind: its columns in order, each with where its cells come from. */
static const Column compound_columns[] = {
  { NC_("export column", "ID"), MEMBER (FROM_TEXT, XaCompound, id) },
  { NC_("export column", "Name"), MEMBER (FROM_TEXT, XaCompound, name) },
  { NC_("export column", "District"), WORKED (COMPOUND_DISTRICT) },
  { NC_("export column", "Subdistrict"), MEMBER (FROM_TEXT, XaCompound, subdistrict) },
  { NC_("export column", "Community"), MEMBER (FROM_TEXT, XaCompound, community) },
  { NC_("export column", "Households"), MEMBER (FROM_NUMBER, XaCompound, households) },
  { NC_("export column", "Buildings"), MEMBER (FROM_NUMBER, XaCompound, buildings) },
  { NC_("export column", "Built"), MEMBER (FROM_YEAR, XaCompound, built_year) },
  { NC_("export column", "Property company"),
    MEMBER (FROM_TEXT, XaCompound, property_company) },
  { NC_("export column", "Open problems"), WORKED (OPEN_PROBLEMS) },
  { NC_("export column", "Overdue problems"), WORKED (OVERDUE_PROBLEMS) },
  { NC_("export column", "Elevators"), WORKED (ELEVATORS) },
  { NULL }
};

static const Column elevator_columns[] = {
  { NC_("export column", "Compound"), WORKED (RECORD_COMPOUND) },
  { NC_("export column", "District"), WORKED (RECORD_DISTRICT) },
  { NC_("export column", "Building"), MEMBER (FROM_TEXT, XaElevator, building) },
  { NC_("export column", "Unit"), MEMBER (FROM_TEXT, XaElevator, unit) },
  { NC_("export column", "Registration code"),
    MEMBER (FROM_TEXT, XaElevator, registration_code) },
  { NC_("export column", "Maker"), MEMBER (FROM_TEXT, XaElevator, maker) },
  { NC_("export column", "Model"), MEMBER (FROM_TEXT, XaElevator, model) },
  { NC_("export column", "Commissioned"), MEMBER (FROM_DATE, XaElevator, commissioned) },
  { NC_("export column", "Years in service"), WORKED (YEARS_IN_SERVICE) },
  { NC_("export column", "Last inspection"),
    MEMBER (FROM_DATE, XaElevator, last_inspection) },
  { NC_("export column", "Inspection result"), WORKED (INSPECTION_RESULT) },
  { NC_("export column", "Faults (12 months)"), MEMBER (FROM_NUMBER, XaElevator, faults_12m) },
  { NC_("export column", "Entrapments (12 months)"),
    MEMBER (FROM_NUMBER, XaElevator, entrapments_12m) },
  { NC_("export column", "Assessment grade"), WORKED (GRADE) },
  { NC_("export column", "Assessed on"), MEMBER (FROM_DATE, XaElevator, assessed_on) },
  { NC_("export column", "Renewal status"), WORKED (RENEWAL) },
  { NC_("export column", "Planned year"), MEMBER (FROM_YEAR, XaElevator, planned_year) },
  { NC_("export column", "Funding source"), WORKED (FUNDING) },
  { NC_("export column", "Priority"), WORKED (PRIORITY) },
  { NC_("export column", "Priority reasons"), WORKED (PRIORITY_REASONS) },
  { NULL }
};

static const Column problem_columns[] = {
  { NC_("export column", "Ticket no."), MEMBER (FROM_TEXT, XaProblem, ticket_no) },
  { NC_("export column", "Title"), MEMBER (FROM_TEXT, XaProblem, title) },
  { NC_("export column", "Status"), WORKED (STATUS) },
  { NC_("export column", "Tier"), WORKED (TIER) },
  { NC_("export column", "Category"), WORKED (CATEGORY) },
  { NC_("export column", "Source"), WORKED (SOURCE) },
  { NC_("export column", "Compound"), WORKED (RECORD_COMPOUND) },
  { NC_("export column", "District"), WORKED (RECORD_DISTRICT) },
  { NC_("export column", "Responsible party"),
    MEMBER (FROM_TEXT, XaProblem, responsible_party) },
  { NC_("export column", "Reported"), MEMBER (FROM_TIME, XaProblem, reported_at) },
  { NC_("export column", "Deadline"), MEMBER (FROM_TIME, XaProblem, deadline) },
  { NC_("export column", "Days open"), WORKED (DAYS_OPEN) },
  { NC_("export column", "Overdue"), WORKED (IS_OVERDUE) },
  { NULL }
};

static const Column * const kind_columns[XA_N_EXPORT_KINDS] = {
  compound_columns, elevator_columns, problem_columns,
};

static const guint key_columns[XA_N_EXPORT_KINDS] = { 0, 4, 0 };

struct _XaExportTable
{
  XaExportKind  kind;
  char         *filter;
  gint64        now;
  gint64        last_sync;  /* when the store last took a page of its server; 0 never */
  XaPriorityParams params;
  guint         n_columns;
  GArray       *cells;        /* XaExportCell, row by row */
  /* The title of a last column a view added (xa_export_table_add_column()), or NULL. */
  char         *added_title;
};

/* What the compound rows take from the problems and elevators of each compound. */
typedef struct
{
  gint64 open;
  gint64 overdue;
  gint64 elevators;
} CompoundCounts;

/* Everything one pass over the store needs, handed to the foreach callbacks. */
typedef struct
{
  XaExportTable *table;
  const char    *district;    /* the filter, or NULL */
  GHashTable    *district_names; /* code → name */
  GHashTable    *compounds;   /* id → XaCompoundNames */
  GHashTable    *categories;  /* code → name in the user's language */
  GHashTable    *counts;      /* compound id → CompoundCounts */
  /* When the rows are those of a view: record id → its row's place in the view, plus one;
   * records not in it are left out. NULL: every record. */
  GHashTable    *places;
  /* For each row added, its place in the view (with @places). */
  GArray        *row_places;
} Pass;

static void
clear_cell (gpointer data)
{
  XaExportCell *cell = data;

  g_free (cell->text);
}

const char *
xa_export_kind_to_string (XaExportKind kind)
{
  g_return_val_if_fail (kind < XA_N_EXPORT_KINDS, NULL);

  return kind_names[kind];
}

gboolean
xa_export_kind_from_string (const char   *name,
                            XaExportKind *out_kind)
{
  int index = xa_enum_from_string (kind_names, name);

  if (index < 0)
    return FALSE;
  *out_kind = (XaExportKind) index;
  return TRUE;
}

char *
xa_export_kind_list (void)
{
  return g_strjoinv (", ", (char **) kind_names);
}

/* ---- Appending cells ---- */

/* Appends a cell of @type with @number and @text (taken): an empty one when a cell that
 * shows a text has none (NULL or ""). */
static void
add_cell (XaExportTable    *table,
          XaExportCellType  type,
          gint64            number,
          char             *text)
{
  XaExportCell cell = { type, number, text };

  if (type != XA_EXPORT_CELL_INTEGER && (text == NULL || *text == '\0'))
    {
      cell.type = XA_EXPORT_CELL_EMPTY;
      g_clear_pointer (&cell.text, g_free);
    }
  g_array_append_val (table->cells, cell);
}

static void
add_text (XaExportTable *table,
          const char    *text)
{
  add_cell (table, XA_EXPORT_CELL_TEXT, 0, g_strdup (text));
}

static void
add_integer (XaExportTable *table,
             gint64         number)
{
  add_cell (table, XA_EXPORT_CELL_INTEGER, number, NULL);
}

static const char *
district_name (Pass       *pass,
               const char *code)
{
  const char *name = code != NULL ? g_hash_table_lookup (pass->district_names, code) : NULL;

  return name != NULL ? name : code;
}

/* ---- The passes ---- */

static CompoundCounts *
counts_of (Pass       *pass,
           const char *compound_id)
{
  CompoundCounts *counts = g_hash_table_lookup (pass->counts, compound_id);

  if (counts == NULL)
    {
      counts = g_new0 (CompoundCounts, 1);
      g_hash_table_insert (pass->counts, g_strdup (compound_id), counts);
    }
  return counts;
}

static void
count_problem (gconstpointer record,
               gpointer      user_data)
{
  const XaProblem *problem = record;
  Pass *pass = user_data;
  CompoundCounts *counts = counts_of (pass, problem->compound);

  if (problem->status == XA_STATUS_OPEN || problem->status == XA_STATUS_IN_PROGRESS)
    counts->open++;
  if (xa_metrics_problem_is_overdue (problem, pass->table->now))
    counts->overdue++;
}

static void
count_elevator (gconstpointer record,
                gpointer      user_data)
{
  const XaElevator *elevator = record;
  Pass *pass = user_data;

  counts_of (pass, elevator->compound)->elevators++;
}

/* What the worked-out cells of one row need beside the record. */
typedef struct
{
  const CompoundCounts  *counts;   /* compounds */
  const XaCompoundNames *info;     /* elevators and problems: their compound, or NULL */
  XaPriority             priority; /* elevators */
} Row;

static void
add_worked_out (Pass          *pass,
                gconstpointer  record,
                const Row     *row,
                Worked         what)
{
  XaExportTable *table = pass->table;
  const XaCompound *compound = record;
  const XaElevator *elevator = record;
  const XaProblem *problem = record;

  switch (what)
    {
    case COMPOUND_DISTRICT:
      add_text (table, district_name (pass, compound->district));
      break;
    case OPEN_PROBLEMS:
      add_integer (table, row->counts->open);
      break;
    case OVERDUE_PROBLEMS:
      add_integer (table, row->counts->overdue);
      break;
    case ELEVATORS:
      add_integer (table, row->counts->elevators);
      break;
    case RECORD_COMPOUND:
      add_text (table, row->info != NULL ? row->info->name : NULL);
      break;
    case RECORD_DISTRICT:
      add_text (table, row->info != NULL ? district_name (pass, row->info->district) : NULL);
      break;
    case YEARS_IN_SERVICE:
      {
        double years = xa_metrics_elevator_years (elevator, table->now);

        if (isnan (years))
          add_text (table, NULL);
        else
          add_integer (table, (gint64) floor (years));
      }
      break;
    case INSPECTION_RESULT:
      add_text (table, elevator->inspection_result == XA_INSPECTION_NONE
                       ? NULL : xa_record_words_inspection (elevator->inspection_result));
      break;
    case GRADE:
      add_text (table, elevator->assessment_grade >= XA_GRADE_A
                       && elevator->assessment_grade <= XA_GRADE_D
                       ? xa_assessment_grade_names[elevator->assessment_grade] : NULL);
      break;
    case RENEWAL:
      add_text (table, xa_record_words_renewal (elevator->renewal_status));
      break;
    case FUNDING:
      add_text (table, xa_record_words_funding (elevator->funding_source));
      break;
    case PRIORITY:
      add_integer (table, row->priority.score);
      break;
    case PRIORITY_REASONS:
      {
        g_autofree char *reasons = xa_elevator_priority_explain (&row->priority);

        add_text (table, reasons);
      }
      break;
    case STATUS:
      add_text (table, xa_record_words_problem_status (problem->status));
      break;
    case TIER:
      add_text (table, xa_record_words_problem_tier (problem->tier));
      break;
    case CATEGORY:
      {
        const char *name = g_hash_table_lookup (pass->categories, problem->category);

        add_text (table, name != NULL ? name : problem->category);
      }
      break;
    case SOURCE:
      add_text (table, xa_record_words_problem_source (problem->source));
      break;
    case DAYS_OPEN:
      {
        /* A resolved problem was open until it was resolved, not until today. */
        gint64 until = problem->resolved_at > 0 ? problem->resolved_at : table->now;

        add_integer (table, MAX (0, xa_calendar_day_number (until)
                                    - xa_calendar_day_number (problem->reported_at)));
      }
      break;
    case IS_OVERDUE:
      add_text (table, xa_record_words_yes_no (xa_metrics_problem_is_overdue (problem,
                                                                               table->now)));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The cells of @record's row, column by column as its kind's table says. */
static void
add_cells (Pass          *pass,
           gconstpointer  record,
           const Row     *row)
{
  XaExportTable *table = pass->table;

  for (const Column *c = kind_columns[table->kind]; c->name != NULL; c++)
    {
      gconstpointer member = G_STRUCT_MEMBER_P (record, c->offset);

      switch (c->source)
        {
        case FROM_TEXT:
          add_text (table, *(char * const *) member);
          break;
        case FROM_NUMBER:
          add_integer (table, *(const int *) member);
          break;
        case FROM_YEAR:
          add_cell (table, *(const int *) member != 0 ? XA_EXPORT_CELL_INTEGER
                                                     : XA_EXPORT_CELL_EMPTY,
                    *(const int *) member, NULL);
          break;
        case FROM_DATE:
          /* Validated by the parser already; a date that is not one stays out. */
          add_cell (table, XA_EXPORT_CELL_DATE, 0,
                    xa_parse_date (*(char * const *) member, NULL)
                    ? g_strdup (*(char * const *) member) : NULL);
          break;
        case FROM_TIME:
          add_cell (table, XA_EXPORT_CELL_DATE_TIME, *(const gint64 *) member,
                    xa_calendar_format (*(const gint64 *) member, "%Y-%m-%d %H:%M"));
          break;
        case WORKED_OUT:
          add_worked_out (pass, record, row, c->what);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Whether the filter keeps a row, with the row's compound in @row. A record whose compound
 * is unknown (the store refuses those, so never in practice) keeps its row with empty
 * compound cells when nothing is filtered. */
static gboolean
compound_passes (Pass       *pass,
                 const char *record_id,
                 const char *compound_id,
                 Row        *row)
{
  row->info = g_hash_table_lookup (pass->compounds, compound_id);
  if (pass->places != NULL)
    {
      guint place = GPOINTER_TO_UINT (g_hash_table_lookup (pass->places, record_id));

      if (place == 0)
        return FALSE;
      place--;
      g_array_append_val (pass->row_places, place);
      return TRUE;
    }
  if (pass->district == NULL)
    return TRUE;
  return row->info != NULL && g_strcmp0 (row->info->district, pass->district) == 0;
}

/* The row of @record (of the table's kind), when the filter keeps it. */
static void
add_row (gconstpointer record,
         gpointer      user_data)
{
  static const CompoundCounts none = { 0 };
  Pass *pass = user_data;
  XaExportTable *table = pass->table;
  const XaCompound *compound = record;
  const XaElevator *elevator = record;
  const XaProblem *problem = record;
  Row row = { NULL };

  switch (table->kind)
    {
    case XA_EXPORT_COMPOUNDS:
      /* A view's rows are those it lists, whatever their district. */
      if (pass->places != NULL ? !compound_passes (pass, compound->id, compound->id, &row)
          : pass->district != NULL && g_strcmp0 (compound->district, pass->district) != 0)
        return;
      row.counts = g_hash_table_lookup (pass->counts, compound->id);
      if (row.counts == NULL)
        row.counts = &none;
      break;
    case XA_EXPORT_ELEVATORS:
      if (!compound_passes (pass, elevator->id, elevator->compound, &row))
        return;
      xa_elevator_priority (elevator, table->now, &table->params, &row.priority);
      break;
    case XA_EXPORT_PROBLEMS:
      if (!compound_passes (pass, problem->id, problem->compound, &row))
        return;
      break;
    default:
      g_assert_not_reached ();
    }
  add_cells (pass, record, &row);
}


/* ---- The table ---- */

/* Makes @cells (taken), built of the texts of the table's cells moved over, the table's
 * cells: the old array goes without freeing those texts. */
static void
replace_cells (XaExportTable *table,
               GArray        *cells)
{
  g_array_set_clear_func (table->cells, NULL);
  g_array_unref (table->cells);
  table->cells = cells;
  g_array_set_clear_func (table->cells, clear_cell);
}

/* The rows of the view were added in store order, each with its place among the view's
 * @n_places rows in @row_places: moves them into those places. A place whose record is gone
 * from the store since is left out. */
static void
put_rows_in_place (XaExportTable *table,
                   GArray        *row_places,
                   guint          n_places)
{
  GArray *placed = g_array_sized_new (FALSE, FALSE, sizeof (XaExportCell), table->cells->len);
  g_autofree guint *row_at = g_new (guint, n_places);

  for (guint place = 0; place < n_places; place++)
    row_at[place] = G_MAXUINT;
  for (guint row = 0; row < row_places->len; row++)
    row_at[g_array_index (row_places, guint, row)] = row;
  for (guint place = 0; place < n_places; place++)
    if (row_at[place] != G_MAXUINT)
      g_array_append_vals (placed, &g_array_index (table->cells, XaExportCell,
                                                   (gsize) row_at[place] * table->n_columns),
                           table->n_columns);
  replace_cells (table, placed);
}

XaExportTable *
xa_export_table_new (XaStore                *store,
                     XaExportKind            kind,
                     const char             *district_code,
                     gint64                  now,
                     const XaPriorityParams *params,
                     GError                **error)
{
  return xa_export_table_new_rows (store, kind, district_code, NULL, NULL, now, params, error);
}

XaExportTable *
xa_export_table_new_rows (XaStore                *store,
                          XaExportKind            kind,
                          const char             *district_code,
                          GPtrArray              *ids,
                          const char             *view_filters,
                          gint64                  now,
                          const XaPriorityParams *params,
                          GError                **error)
{
  g_autoptr(XaExportTable) table = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GHashTable) district_names = NULL;
  g_autoptr(GHashTable) compounds = NULL;
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GArray) row_places = NULL;
  Pass pass = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < XA_N_EXPORT_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (xa_store_count (store, XA_RECORD_COMPOUND) <= 0)
    {
      g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_EMPTY_STORE,
                   _("The records file %s holds no compounds: sync it from the records "
                     "server first (xiaoqu-atlas --sync-only --server URL)."),
                   xa_store_get_path (store));
      return NULL;
    }

  districts = xa_store_list_districts (store, error);
  if (districts == NULL)
    return NULL;
  district_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < districts->len; i++)
    {
      XaDistrict *district = g_ptr_array_index (districts, i);

      g_hash_table_insert (district_names, g_strdup (district->code), g_strdup (district->name));
    }

  table = g_new0 (XaExportTable, 1);
  table->kind = kind;
  table->now = now;
  {
    g_autofree char *server = xa_store_dup_server (store);

    table->last_sync = server != NULL ? xa_store_get_last_sync (store, server) : 0;
  }
  table->params = params != NULL ? *params : xa_priority_params_default ();
  while (kind_columns[kind][table->n_columns].name != NULL)
    table->n_columns++;
  table->cells = g_array_new (FALSE, FALSE, sizeof (XaExportCell));
  g_array_set_clear_func (table->cells, clear_cell);

  if (district_code != NULL)
    {
      const char *name = g_hash_table_lookup (district_names, district_code);

      if (name == NULL)
        {
          g_autoptr(GString) codes = g_string_new (NULL);

          for (guint i = 0; i < districts->len; i++)
            {
              XaDistrict *district = g_ptr_array_index (districts, i);

              g_string_append_printf (codes, "%s%s (%s)", i > 0 ? ", " : "", district->code,
                                      district->name);
            }
          g_set_error (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_DISTRICT,
                       _("There is no district with the code “%s” in the records; the "
                         "districts are: %s."),
                       district_code, codes->str);
          return NULL;
        }
      /* Translators: the filter of an export: a district's name and its code. */
      table->filter = g_strdup_printf (_("%s (%s)"), name, district_code);
    }
  else
    table->filter = g_strdup (_("All districts"));
  if (view_filters != NULL && *view_filters != '\0')
    {
      /* Translators: the filter of an export from a view: the district (or "All
       * districts"), then the view's filters in words. */
      char *filter = g_strdup_printf (_("%s · %s"), table->filter, view_filters);

      g_free (table->filter);
      table->filter = filter;
    }

  compounds = xa_compound_names_new ();
  categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pass.table = table;
  pass.district = district_code;
  pass.district_names = district_names;
  pass.compounds = compounds;
  pass.categories = categories;
  pass.counts = counts;
  if (ids != NULL)
    {
      places = g_hash_table_new (g_str_hash, g_str_equal);
      row_places = g_array_sized_new (FALSE, FALSE, sizeof (guint), ids->len);
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_insert (places, ids->pdata[i], GUINT_TO_POINTER (i + 1));
      pass.places = places;
      pass.row_places = row_places;
    }

  switch (kind)
    {
    case XA_EXPORT_COMPOUNDS:
      ok = xa_store_foreach (store, XA_RECORD_PROBLEM, count_problem, &pass, error)
           && xa_store_foreach (store, XA_RECORD_ELEVATOR, count_elevator, &pass, error)
           && xa_store_foreach (store, XA_RECORD_COMPOUND, add_row, &pass, error);
      break;
    case XA_EXPORT_ELEVATORS:
      ok = xa_compound_names_read (compounds, store, error)
           && xa_store_foreach (store, XA_RECORD_ELEVATOR, add_row, &pass, error);
      break;
    case XA_EXPORT_PROBLEMS:
      ok = xa_compound_names_read (compounds, store, error)
           && xa_record_words_category_names (store, categories, error)
           && xa_store_foreach (store, XA_RECORD_PROBLEM, add_row, &pass, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return NULL;

  g_assert (table->cells->len % table->n_columns == 0);
  if (row_places != NULL)
    put_rows_in_place (table, row_places, ids->len);
  return g_steal_pointer (&table);
}

void
xa_export_table_free (XaExportTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->cells, g_array_unref);
  g_free (table->filter);
  g_free (table->added_title);
  g_free (table);
}

XaExportKind
xa_export_table_get_kind (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, XA_EXPORT_COMPOUNDS);

  return table->kind;
}

const char *
xa_export_table_get_title (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  switch (table->kind)
    {
    case XA_EXPORT_COMPOUNDS:
      return C_("export table", "Compounds");
    case XA_EXPORT_ELEVATORS:
      return C_("export table", "Elevators");
    case XA_EXPORT_PROBLEMS:
      return C_("export table", "Problems");
    default:
      g_assert_not_reached ();
    }
}

const char *
xa_export_table_get_filter (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->filter;
}

gint64
xa_export_table_get_last_sync (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->last_sync;
}

gint64
xa_export_table_get_now (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->now;
}

guint
xa_export_table_get_n_columns (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->n_columns;
}

guint
xa_export_table_get_n_rows (XaExportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->cells->len / table->n_columns;
}

const char *
xa_export_table_get_column_title (XaExportTable *table,
                                  guint          column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);

  if (table->added_title != NULL && column == table->n_columns - 1)
    return table->added_title;
  return g_dpgettext2 (NULL, "export column", kind_columns[table->kind][column].name);
}

void
xa_export_table_add_column (XaExportTable *table,
                            const char    *title,
                            GHashTable    *texts)
{
  guint n_rows, key;
  GArray *cells;

  g_return_if_fail (table != NULL);
  g_return_if_fail (table->added_title == NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (texts != NULL);

  n_rows = xa_export_table_get_n_rows (table);
  key = key_columns[table->kind];
  cells = g_array_sized_new (FALSE, FALSE, sizeof (XaExportCell),
                             (gsize) n_rows * (table->n_columns + 1));
  for (guint row = 0; row < n_rows; row++)
    {
      XaExportCell *old = &g_array_index (table->cells, XaExportCell,
                                          (gsize) row * table->n_columns);
      const char *text = old[key].type == XA_EXPORT_CELL_TEXT
                         ? g_hash_table_lookup (texts, old[key].text) : NULL;
      XaExportCell added = { text != NULL ? XA_EXPORT_CELL_TEXT : XA_EXPORT_CELL_EMPTY, 0,
                             g_strdup (text) };

      g_array_append_vals (cells, old, table->n_columns);
      g_array_append_val (cells, added);
    }
  replace_cells (table, cells);
  table->n_columns++;
  table->added_title = g_strdup (title);
}

gboolean
xa_export_table_column_is_key (XaExportTable *table,
                               guint          column)
{
  g_return_val_if_fail (table != NULL, FALSE);

  return column == key_columns[table->kind];
}

const XaExportCell *
xa_export_table_get_cell (XaExportTable *table,
                          guint          row,
                          guint          column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);
  g_return_val_if_fail ((gsize) row * table->n_columns + column < table->cells->len, NULL);

  return &g_array_index (table->cells, XaExportCell, (gsize) row * table->n_columns + column);
}

char *
xa_export_cell_to_text (const XaExportCell *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  switch (cell->type)
    {
    case XA_EXPORT_CELL_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
    case XA_EXPORT_CELL_EMPTY:
      return g_strdup ("");
    default:
      return g_strdup (cell->text);
    }
}
