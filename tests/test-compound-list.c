/* test-compound-list.c — the list of compounds beside the map, in a real window on the demo
 * city synced from a real xiaoqu-server: a legend row of the Problems overlay in 罗庄区
 * opens the list of its compounds, as many as the legend says and as SQL on the same store
 * finds; the list sorts by name and by its measure, selects on the map the row chosen,
 * follows the district filter, and a figure of the Figures page opens its own list. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-city-summary.h"
#include "xa-compound-list-item.h"
#include "xa-map-view-private.h"
#include "xa-overlay-style.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

#define LUOZHUANG "371311"

static XaApplication *app;

/* Compounds of @district with an open problem past its deadline at @now. */
static gint64
sql_overdue_compounds (XaStore    *store,
                       const char *district,
                       gint64      now)
{
  return xa_test_store_queryf (store,
    "SELECT count(DISTINCT c.id) FROM compound c JOIN problem p ON p.compound = c.id "
    "WHERE c.district = '%s' AND p.status IN ('open', 'in_progress') AND p.deadline < %"
    G_GINT64_FORMAT, district, now);
}

static void
choose_district (XaMapView  *view,
                 const char *code)
{
  GtkDropDown *dropdown = _xa_map_view_child (view, GtkDropDown, "district_dropdown");
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  for (guint i = 1; i < n; i++)
    {
      gtk_drop_down_set_selected (dropdown, i);
      if (g_strcmp0 (xa_map_view_get_district (view), code) == 0)
        return;
    }
  g_assert_not_reached ();
}

/* The number the legend's row of @band shows, read from its last label. */
static const char *
band_count_text (GtkWidget *button)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static GListModel *
shown_rows (XaCompoundList *list)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_COMPOUND_LIST, "column_view"));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static XaCompoundListItem *
shown_row (XaCompoundList *list,
           guint           position)
{
  g_autoptr(XaCompoundListItem) item = g_list_model_get_item (shown_rows (list), position);

  /* The model keeps its own reference. */
  return item;
}

static void
sort_by (XaCompoundList *list,
         const char     *column_id,
         GtkSortType     order)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_COMPOUND_LIST, "column_view"));

  gtk_column_view_sort_by_column (view, GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_COMPOUND_LIST, column_id)), order);
}

static guint
legend_count (XaMapView *view,
              XaOverlay  overlay,
              guint      band)
{
  guint counts[XA_OVERLAY_MAX_BANDS];

  xa_compound_points_count_bands (xa_compound_layer_get_points (_xa_map_view_get_layer (view)),
                                  overlay, xa_map_view_get_district (view), counts);
  return counts[band];
}

/* The overdue problems of @compound_id at @now, counted by SQL. */
static gint64
sql_overdue_of (XaStore    *store,
                const char *compound_id,
                gint64      now)
{
  return xa_test_store_queryf (store,
    "SELECT count(*) FROM problem WHERE compound = '%s' AND status IN ('open', 'in_progress') "
    "AND deadline < %" G_GINT64_FORMAT, compound_id, now);
}

/* The day (julian) the oldest lift of @compound_id was commissioned, by SQL. */
static gint64
first_commissioned (XaStore    *store,
                    const char *compound_id)
{
  return xa_test_store_queryf (store, "SELECT CAST(julianday(min(commissioned)) AS INTEGER) "
                                      "FROM elevator WHERE compound = '%s'", compound_id);
}

static guint64
parse_count (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
  return g_ascii_strtoull (digits->str, NULL, 10);
}

static void
test_compound_list (void)
{
  g_autofree char *store_path = xa_test_sync_demo ("compound-list.db", NULL, NULL);
  g_autoptr(XaStore) store = NULL;
  g_autofree char *want_count = NULL;
  g_autofree char *band_label = NULL;
  g_autofree char *accessible_name = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  XaCompoundList *list;
  XaMapView *view;
  XaWindow *window;
  GtkWidget *button, *row, *summary;
  g_autofree gint64 *oldest = NULL;
  guint n, other_n;
  const char *first_name;

  store = xa_test_store_open (store_path);
  window = xa_test_window_open (app, store_path);
  /* The screenshots' size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = _xa_window_get_map_view (window);
  list = _xa_map_view_get_compound_list (view);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  gtk_widget_activate_action (GTK_WIDGET (view), "map.overlay", "s", "problems");
  choose_district (view, LUOZHUANG);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  /* The legend's "Some overdue" row: a button with a name, that opens the list. */
  button = xa_test_find_legend_band (GTK_WIDGET (_xa_map_view_get_legend (view)),
                             XA_PROBLEM_BAND_OVERDUE);
  g_assert_nonnull (button);
  n = legend_count (view, XA_OVERLAY_PROBLEMS, XA_PROBLEM_BAND_OVERDUE);
  g_assert_cmpuint (n, >, 1);
  want_count = xa_test_group_thousands (n);
  g_assert_cmpstr (band_count_text (button), ==, want_count);
  band_label = xa_overlay_band_label (XA_OVERLAY_PROBLEMS, XA_PROBLEM_BAND_OVERDUE, NULL);
  accessible_name = g_strdup_printf (ngettext ("%s: %s compound, show the list",
                                               "%s: %s compounds, show the list", n),
                                     band_label, want_count);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       accessible_name);
  g_assert_true (gtk_widget_get_focusable (button));
  xa_test_click (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, n);
  g_assert_cmpint (n, ==, sql_overdue_compounds (store, LUOZHUANG, now));
  g_assert_nonnull (strstr (xa_compound_list_get_title (list),
                            xa_map_view_get_district_name (view)));
  g_assert_nonnull (strstr (xa_compound_list_get_title (list), want_count));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (sql_overdue_of (store, xa_compound_list_item_get_id (shown_row (list, i)),
                                     now), >, 0);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "compound-list");

  /* Sorted by name, then by the overdue problems, most first (checked by SQL). */
  sort_by (list, "name_column", GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_utf8_collate (xa_compound_list_item_get_name (shown_row (list, i - 1)),
                                     xa_compound_list_item_get_name (shown_row (list, i))),
                     <=, 0);
  first_name = xa_compound_list_item_get_name (shown_row (list, 0));
  g_test_message ("first by name: %s", first_name);

  /* A row chosen: that compound is selected on the map. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown_rows (list)), n - 1, TRUE);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (_xa_map_view_get_layer (view)), ==,
                   xa_compound_list_item_get_id (shown_row (list, n - 1)));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 5);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "compound-list-selected");

  /* The elevator age overlay's oldest band, by its measure: the oldest lift first, which
   * SQL finds as the earliest commissioned date of each compound. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.overlay", "s", "elevator-age");
  xa_test_click (xa_test_find_legend_band (GTK_WIDGET (_xa_map_view_get_legend (view)),
                                   XA_ELEVATOR_AGE_BAND_20_PLUS));
  other_n = xa_compound_list_get_n_items (list);
  g_assert_cmpuint (other_n, ==,
                    legend_count (view, XA_OVERLAY_ELEVATOR_AGE, XA_ELEVATOR_AGE_BAND_20_PLUS));
  g_assert_cmpuint (other_n, >, 1);
  sort_by (list, "measure_column", GTK_SORT_DESCENDING);
  oldest = g_new0 (gint64, other_n);
  for (guint i = 0; i < other_n; i++)
    oldest[i] = first_commissioned (store, xa_compound_list_item_get_id (shown_row (list, i)));
  for (guint i = 1; i < other_n; i++)
    g_assert_cmpint (oldest[i - 1], <=, oldest[i]);
  g_assert_cmpint (oldest[0], <, oldest[other_n - 1]);

  /* Back to the overdue problems. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.overlay", "s", "problems");
  xa_test_click (xa_test_find_legend_band (GTK_WIDGET (_xa_map_view_get_legend (view)),
                                   XA_PROBLEM_BAND_OVERDUE));
  g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, n);

  /* Another district: the list follows it. */
  choose_district (view, "371302");
  other_n = legend_count (view, XA_OVERLAY_PROBLEMS, XA_PROBLEM_BAND_OVERDUE);
  g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, other_n);
  g_assert_cmpint (other_n, ==, sql_overdue_compounds (store, "371302", now));
  g_assert_cmpuint (other_n, !=, n);
  g_assert_nonnull (strstr (xa_compound_list_get_title (list),
                            xa_map_view_get_district_name (view)));

  /* Esc closes it. */
  gtk_widget_activate_action (GTK_WIDGET (list), "compound-list.close", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* A figure of the Figures page in 罗庄区: the compounds whose public revenue is on record. */
  choose_district (view, LUOZHUANG);
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  summary = GTK_WIDGET (_xa_window_get_city_summary (window));
  row = xa_test_find_row (summary, _("Public revenue recorded"));
  g_assert_nonnull (row);
  n = parse_count (xa_test_row_value (summary, _("Public revenue recorded")));
  g_assert_cmpint (n, ==, xa_test_store_queryf (store, "SELECT count(*) FROM compound WHERE "
                                                       "district = '%s' AND "
                                                       "public_revenue_recorded", LUOZHUANG));
  g_assert_cmpuint (n, >, 0);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_cmpuint (xa_compound_list_get_n_items (list), ==, n);
  g_assert_nonnull (strstr (xa_compound_list_get_title (list), _("Public revenue recorded")));

  /* A figure of problems: the compounds holding the open ones, their counts summing to it. */
  _xa_window_show_view (window, "summary");
  row = xa_test_find_row (summary, _("Open"));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (xa_compound_list_get_n_items (list), ==,
                   xa_test_store_queryf (store, "SELECT count(DISTINCT c.id) FROM compound c "
                                                "JOIN problem p ON p.compound = c.id WHERE "
                                                "c.district = '%s' AND p.status IN "
                                                "('open', 'in_progress')", LUOZHUANG));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "compound-list-figure");

  xa_test_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/compound-list/legend-and-figures",
                              test_compound_list);
}
