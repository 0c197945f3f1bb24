/* bench-elevator-list.c — the Elevators page (XaElevatorList, the real widget in a real
 * 1280×800 window) on a store of 100,000 elevators and 2,000 compounds: opening it (store
 * set until the rows are read and a frame is painted), re-sorting by priority both ways and
 * by other columns, typing a search one key at a time, changing a drop-down filter, and the
 * memory of its rows. Each figure is printed beside its goal (the issue's: < 200 ms to open
 * and to re-sort, < 50 ms a keystroke) and a baseline measured in the same run: GTK's own
 * GtkSortListModel and GtkFilterListModel over 100,000 plain GtkStringObjects with a trivial
 * sorter and filter, g_ptr_array_sort () of the same keys, and the store read alone. Last,
 * GTK's own floor: a GtkColumnView of as many columns of plain labels over those objects,
 * opened and filtered as the list is (what GTK 4.8 itself costs, against the same goals).
 * Run under Xvfb: meson test -C _build --benchmark --verbose bench-elevator-list. Times are
 * wall clock on a machine others share: read them with `uptime`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xa-elevator-columns.h"
#include "xa-elevator-list-private.h"
#include "xa-elevator-row.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

#define N_COMPOUNDS 2000
#define N_ELEVATORS 100000
#define GOAL_OPEN_MS 200.0
#define GOAL_SORT_MS 200.0
#define GOAL_KEY_MS 50.0

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* One line of the table: the figure, its goal (0: none) and its baseline (< 0: none). */
static void
figure (const char *name,
        double      value,
        const char *unit,
        double      goal,
        double      baseline,
        const char *note)
{
  g_autofree char *goal_text = goal > 0 ? g_strdup_printf ("< %.0f", goal) : g_strdup ("-");
  g_autofree char *baseline_text = baseline >= 0 ? g_strdup_printf ("%.1f", baseline)
                                                 : g_strdup ("-");

  printf ("%-34s %9.1f %-3s  goal %-6s %-7s  baseline %8s  # %s\n", name, value, unit,
          goal_text, goal <= 0 ? "" : value < goal ? "met" : "NOT met", baseline_text, note);
  fflush (stdout);
}

/* ---- The baselines: GTK's models over plain objects ---- */

typedef struct
{
  double sort_ms;        /* one re-sort of the sort model (the order reversed) */
  double ptr_sort_ms;    /* g_ptr_array_sort () of the same keys */
  double key_ms;         /* the worst keystroke of the same typing through a filter model */
  double rss_mib;        /* the objects and both models */
} Baseline;

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      descending)
{
  int order = strcmp (gtk_string_object_get_string ((GtkStringObject *) a),
                      gtk_string_object_get_string ((GtkStringObject *) b));

  return GPOINTER_TO_INT (descending) ? -order : order;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
key_contains (gpointer item,
              gpointer search)
{
  return strstr (gtk_string_object_get_string (item), search) != NULL;
}

/* The same keystrokes as the real search: each one narrows the rows the last one left. */
static double
baseline_typing (GtkCustomFilter *filter,
                 const char      *text)
{
  double worst = 0;
  g_autofree char *prefix = NULL;

  for (const char *end = g_utf8_next_char (text); ; end = g_utf8_next_char (end))
    {
      gint64 start = g_get_monotonic_time ();

      g_free (prefix);
      prefix = g_strndup (text, end - text);
      gtk_custom_filter_set_filter_func (filter, key_contains, g_strdup (prefix), g_free);
      worst = MAX (worst, ms_since (start));
      if (*end == '\0')
        break;
    }
  return worst;
}

/* The key of object @i: a score, a year and the registration code, as varied as the
 * list's. */
static char *
key_new (guint i)
{
  return g_strdup_printf ("%03u %02u 3713%010u", (i * 7919) % 131, i % 30, i);
}

static void
measure_baseline (Baseline *baseline)
{
  double rss_before = xa_test_rss_mib ();
  GtkStringList *strings = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  GtkCustomSorter *sorter;
  GtkCustomFilter *filter;
  gint64 start;

  /* Keys as varied as the list's: a score, a year and the registration code. */
  for (guint i = 0; i < N_ELEVATORS; i++)
    {
      char *key = key_new (i);

      g_ptr_array_add (keys, key);
      gtk_string_list_append (strings, key);
    }
  sorter = gtk_custom_sorter_new (compare_keys, GINT_TO_POINTER (FALSE), NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (strings), GTK_SORTER (sorter));
  filter = gtk_custom_filter_new (NULL, NULL, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (sorted)),
                                        GTK_FILTER (filter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==, N_ELEVATORS);

  start = g_get_monotonic_time ();
  gtk_custom_sorter_set_sort_func (sorter, compare_keys, GINT_TO_POINTER (TRUE), NULL);
  baseline->sort_ms = ms_since (start);

  start = g_get_monotonic_time ();
  g_ptr_array_sort (keys, compare_strings);
  baseline->ptr_sort_ms = ms_since (start);

  baseline->key_ms = baseline_typing (filter, "3713000004");
  baseline->rss_mib = xa_test_rss_mib () - rss_before;
}

/* ---- The floor: GTK's own column view ---- */

/* What GTK 4.8's GtkColumnView costs by itself, whatever the list does: as many columns as
 * the list's, each cell one plain GtkLabel of a GtkStringObject's text, over GTK's own
 * filter model of 100,000 objects. GTK 4.8 makes the cells of some 200 rows below the top
 * one, however few show: those rows cost it this much to make, style, measure and paint. */
static void
setup_plain_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bind_plain_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
}

/* One item in @every: 556 of 100,000 in one in 180, 56 in one in 1,800, each of those
 * among the others, as the 50 lifts of 小区1999 are among the 550 of 小区199. */
static gboolean
one_in (gpointer item,
        gpointer every)
{
  const char *key = gtk_string_object_get_string (item);

  return strtoul (key + strlen (key) - 10, NULL, 10) % GPOINTER_TO_UINT (every) == 0;
}

typedef struct
{
  double open_ms;        /* the model set to the first frame of its rows */
  double key_ms;         /* the worst of the filter going 556 → 56 → 556 rows */
} Floor;

static void
measure_floor (Floor *floor_figures)
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  GtkCustomFilter *filter = gtk_custom_filter_new (NULL, NULL, NULL);
  GtkFilterListModel *filtered;
  GtkMultiSelection *selection;
  GtkWindow *window;
  gint64 start;
  const guint every[] = { 180, 1800, 180 };

  for (guint c = 0; c < XA_ELEVATOR_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_plain_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_plain_cell), NULL);
      column = gtk_column_view_column_new (xa_elevator_column_title (c), factory);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  gtk_scrolled_window_set_child (scrolled, view);
  window = xa_test_ui_present (GTK_WIDGET (scrolled), 1280, 800);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);

  for (guint i = 0; i < N_ELEVATORS; i++)
    {
      g_autofree char *key = key_new (i);

      gtk_string_list_append (strings, key);
    }
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (strings), GTK_FILTER (filter));
  selection = gtk_multi_selection_new (G_LIST_MODEL (filtered));
  start = g_get_monotonic_time ();
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view), GTK_SELECTION_MODEL (selection));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 1);
  floor_figures->open_ms = ms_since (start);

  floor_figures->key_ms = 0;
  for (guint i = 0; i < G_N_ELEMENTS (every); i++)
    {
      start = g_get_monotonic_time ();
      gtk_custom_filter_set_filter_func (filter, one_in, GUINT_TO_POINTER (every[i]), NULL);
      xa_test_ui_wait_frames (GTK_WIDGET (window), 1);
      floor_figures->key_ms = MAX (floor_figures->key_ms, ms_since (start));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==,
                        (N_ELEVATORS + every[i] - 1) / every[i]);
    }
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view), NULL);
  g_object_unref (selection);
  gtk_window_destroy (window);
}

/* ---- The real list ---- */

typedef struct
{
  XaElevatorList *list;
  GtkWindow      *window;
} Bench;

static guint
n_shown (Bench *bench)
{
  return g_list_model_get_n_items (_xa_elevator_list_get_shown (bench->list));
}

/* The time until the next painted frame after a change made just before @start. */
static double
to_frame (Bench  *bench,
          gint64  start)
{
  xa_test_ui_wait_frames (GTK_WIDGET (bench->window), 1);
  return ms_since (start);
}

static void
sort_by (Bench       *bench,
         const char  *title,
         GtkSortType  order,
         const char  *name,
         double       baseline,
         const char  *note)
{
  GtkColumnView *view = _xa_elevator_list_get_column_view (bench->list);
  GtkColumnViewColumn *column = xa_test_ui_find_column (view, title);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *model_name = g_strconcat (name, "_model", NULL);
  double model_ms;

  gtk_column_view_sort_by_column (view, column, order);
  model_ms = ms_since (start);
  figure (name, to_frame (bench, start), "ms", GOAL_SORT_MS, baseline, note);
  figure (model_name, model_ms, "ms", 0, -1, "of which the models, before the frame");
  g_assert_cmpuint (n_shown (bench), ==, N_ELEVATORS);
}

/* Types @text into the search field one character at a time (as an input method commits
 * them), then deletes it again one at a time; each keystroke timed from the text changing
 * to the frame that shows the rows it leaves. The entry's own wait for the typing to pause
 * (150 ms) is left out: it would only add the same to every figure. */
static void
type_search (Bench      *bench,
             const char *text,
             const char *name,
             double      baseline)
{
  GtkEditable *entry = _xa_elevator_list_child (bench->list, GtkEditable, "search_entry");
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *typed_name = g_strconcat (name, "_type_worst", NULL);
  g_autofree char *deleted_name = g_strconcat (name, "_delete_worst", NULL);
  g_autofree char *note = NULL;
  double worst_typed = 0, worst_deleted = 0;
  glong length = g_utf8_strlen (text, -1);

  /* The entry's own "search-changed" then comes in the frame's wait, and changes nothing. */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
  for (glong step = 1; step <= 2 * length; step++)
    {
      gboolean typing = step <= length;
      glong chars = typing ? step : 2 * length - step;
      g_autofree char *prefix = g_utf8_substring (text, 0, chars);
      gint64 start = g_get_monotonic_time ();
      int position = chars - 1;
      double ms, model_ms;

      /* A key: one character inserted at the end, or the last one deleted (set_text()
       * would empty the field first, and GtkSearchEntry reports an empty field at once). */
      if (typing)
        gtk_editable_insert_text (entry, g_utf8_offset_to_pointer (text, chars - 1),
                                  g_utf8_next_char (g_utf8_offset_to_pointer (text, chars - 1))
                                  - g_utf8_offset_to_pointer (text, chars - 1), &position);
      else
        gtk_editable_delete_text (entry, chars, chars + 1);
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, prefix);
      /* What the entry's timeout would say at once: the list filters in its handler. */
      g_signal_emit_by_name (entry, "search-changed");
      model_ms = ms_since (start);
      ms = to_frame (bench, start);
      if (typing)
        worst_typed = MAX (worst_typed, ms);
      else
        worst_deleted = MAX (worst_deleted, ms);
      g_string_append_printf (details, "%s%s %.0f/%.0f ms (%u)", step > 1 ? ", " : "",
                              *prefix != '\0' ? prefix : "''", model_ms, ms, n_shown (bench));
    }
  g_assert_cmpuint (n_shown (bench), ==, N_ELEVATORS);
  note = g_strdup_printf ("\"%s\" typed one character at a time; baseline: a filter model "
                          "over plain objects", text);
  figure (typed_name, worst_typed, "ms", GOAL_KEY_MS, baseline, note);
  figure (deleted_name, worst_deleted, "ms", GOAL_KEY_MS, -1,
          "the same text deleted one character at a time");
  printf ("#   %s, each key: models/frame, rows left: %s\n", name, details->str);
}

static void
count_record (gconstpointer record,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
choose (Bench       *bench,
        const char  *id,
        guint        choice,
        const char  *name,
        const char  *note)
{
  GtkDropDown *dropdown = _xa_elevator_list_child (bench->list, GtkDropDown, id);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *with_count = NULL;
  double ms;

  gtk_drop_down_set_selected (dropdown, choice);
  ms = to_frame (bench, start);
  with_count = g_strdup_printf ("%s: %u rows", note, n_shown (bench));
  figure (name, ms, "ms", GOAL_KEY_MS, -1, with_count);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store_path = NULL;
  XaApplication *app;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uptime = NULL;
  /* bare: beside g_ptr_array_sort () rather than GtkSortListModel. */
  const struct { const char *title; GtkSortType order; const char *name; gboolean bare;
                 const char *note; } sorts[] = {
    { "Priority", GTK_SORT_ASCENDING, "sort_priority_ascending", FALSE,
      "baseline: GtkSortListModel of plain objects, trivial sorter" },
    { "Priority", GTK_SORT_DESCENDING, "sort_priority_descending", FALSE,
      "back to the renewal order" },
    { "Years", GTK_SORT_DESCENDING, "sort_years_descending", TRUE,
      "baseline: g_ptr_array_sort () of the same keys" },
    { "Compound", GTK_SORT_ASCENDING, "sort_compound_ascending", TRUE, "a text column" },
    { "Registration Code", GTK_SORT_ASCENDING, "sort_registration_ascending", TRUE,
      "a text of its own on every row" },
    { "Priority", GTK_SORT_DESCENDING, "sort_priority_again", FALSE,
      "the renewal order a second time" },
  };
  const XaRecordType types[] = { XA_RECORD_DISTRICT, XA_RECORD_COMPOUND, XA_RECORD_ELEVATOR };
  Baseline baseline = { 0 };
  Floor floor_figures = { 0 };
  Bench bench = { 0 };
  double rss_before, read_ms, open_model_ms, open_ms;
  gint64 start;
  guint records = 0;

  xa_test_window_init (&argc, &argv);
  g_log_set_debug_enabled (FALSE);
  /* The application brings the resources, libadwaita's style and style.css. */
  app = xa_test_window_app_new ();

  start = g_get_monotonic_time ();
  store_path = xa_test_path ("elevators.db");
  xa_test_store_fill_city (store_path, N_COMPOUNDS, N_ELEVATORS);
  if (g_file_get_contents ("/proc/loadavg", &uptime, NULL, NULL))
    g_strchomp (uptime);
  printf ("# %u elevators in %u compounds, store filled in %.1f s; 1280x800 window; load "
          "average %s\n", N_ELEVATORS, N_COMPOUNDS, ms_since (start) / 1000,
          uptime != NULL ? uptime : "unknown");
  printf ("# times to the next painted frame unless named _model; baselines in the same run\n");

  store = xa_test_store_open (store_path);
  settings = g_settings_new (APP_ID);

  measure_baseline (&baseline);

  /* The floor of opening: the records read from the store and nothing done with them. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_true (xa_store_foreach (store, types[i], count_record, &records, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (records, ==, 12 + N_COMPOUNDS + N_ELEVATORS);
  read_ms = ms_since (start);

  bench.list = g_object_ref_sink (g_object_new (XA_TYPE_ELEVATOR_LIST, NULL));
  bench.window = xa_test_ui_present (GTK_WIDGET (bench.list), 1280, 800);
  xa_test_ui_wait_frames (GTK_WIDGET (bench.window), 3);

  /* (a) Opening: the page is on screen, the store arrives. */
  rss_before = xa_test_rss_mib ();
  start = g_get_monotonic_time ();
  xa_elevator_list_set_store (bench.list, store, settings);
  open_model_ms = ms_since (start);
  open_ms = to_frame (&bench, start);
  g_assert_cmpuint (n_shown (&bench), ==, N_ELEVATORS);
  figure ("open", open_ms, "ms", GOAL_OPEN_MS, read_ms,
          "store set to the first frame of its rows; baseline: the records read alone");
  figure ("open_model", open_model_ms, "ms", 0, -1,
          "of which reading, scoring and sorting the rows, before the frame");
  xa_test_ui_wait_frames (GTK_WIDGET (bench.window), 3);
  figure ("rows_rss", xa_test_rss_mib () - rss_before, "MiB", 0, baseline.rss_mib,
          "RSS after opening less before; baseline: 100,000 GtkStringObjects in GTK's models");

  /* (b) Re-sorting. */
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    sort_by (&bench, sorts[i].title, sorts[i].order, sorts[i].name,
             sorts[i].bare ? baseline.ptr_sort_ms : baseline.sort_ms, sorts[i].note);

  /* (c) Typing. */
  type_search (&bench, "3713000004", "search_registration", baseline.key_ms);
  type_search (&bench, "小区1999", "search_compound", -1);

  /* (d) The drop-down filters. */
  choose (&bench, "age_dropdown", 3, "filter_age_old", "20 years or more");
  choose (&bench, "assessment_dropdown", 5, "filter_grade_c", "and grade C");
  choose (&bench, "age_dropdown", 0, "filter_age_any", "grade C of any age");
  choose (&bench, "assessment_dropdown", 0, "filter_none", "every lift again");
  g_assert_cmpuint (n_shown (&bench), ==, N_ELEVATORS);

  /* (e) GTK's own floor, last: measured first, it would warm the caches for the list. */
  measure_floor (&floor_figures);
  figure ("gtk_columnview_open", floor_figures.open_ms, "ms", GOAL_OPEN_MS, -1,
          "GTK's GtkColumnView alone: plain labels of 100,000 GtkStringObjects, model set "
          "to the first frame");
  figure ("gtk_columnview_key_worst", floor_figures.key_ms, "ms", GOAL_KEY_MS, -1,
          "the same, its filter model going 556 -> 56 -> 556 rows, the worst change");

  gtk_window_destroy (bench.window);
  g_object_unref (bench.list);
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return 0;
}
