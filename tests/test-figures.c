/* test-figures.c — the Figures page of a real window on the demo city synced from a real
 * xiaoqu-server, each city-wide figure checked against a value this test computes itself
 * from the server's feed (read over HTTP, xa-test-feed.c) by the rules the help states,
 * and formatted here (thousands with commas, yuan with two decimals, a percentage with
 * one) in the language of the run. Nothing of the app's metrics or formatting is used to
 * make the expected values. "Safety assessment due" is left to the tests of its rule. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-calendar.h"
#include "xa-dashboard-chart.h"
#include "xa-sync-client.h"
#include "xa-test-store.h"
#include "xa-test-feed.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

static gboolean
chinese (void)
{
  return g_str_equal (xa_test_ui_language_tag (), "zh_CN");
}

static const char *
member_string (JsonObject *data,
               const char *member)
{
  JsonNode *node = json_object_get_member (data, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *data,
            const char *member)
{
  JsonNode *node = json_object_get_member (data, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
member_bool (JsonObject *data,
             const char *member)
{
  JsonNode *node = json_object_get_member (data, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

static gboolean
item_in_place (JsonObject *check,
               const char *item)
{
  JsonObject *object = json_object_get_object_member (check, item);

  return object != NULL && member_bool (object, "in_place");
}

typedef struct
{
  guint   compounds, revenue_recorded, special_accounts;
  gint64  supervised_fen;
  guint   charging_compounds;
  gint64  ports, smart_ports;
  guint   flood_inspected, flood_ready;
  gint64  drills, flood_fixed;
  guint   resolved, open, city_tier, elevators;
  guint   problems, on_site;
  gint64  ebikes;
  int     season;
  GHashTable *open_by_district;   /* district code → GUINT_TO_POINTER (open problems) */
  GHashTable *compound_district;  /* compound id → district code */
} Expected;

/* The latest flood season any check is of: the demo city's "this season". */
static int
latest_season (XaTestFeed *feed)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, "flood_check");
  int season = 0;

  for (guint i = 0; i < ids->len; i++)
    season = MAX (season, (int) member_int (xa_test_feed_lookup (feed, "flood_check",
                                                                 ids->pdata[i]), "season"));
  return season;
}

static void
compute_expected (XaTestFeed *feed,
                  Expected   *e)
{
  g_autoptr(GHashTable) charging = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) inspected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) city = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) compounds = xa_test_feed_ids (feed, "compound");
  g_autoptr(GPtrArray) chargings = xa_test_feed_ids (feed, "charging");
  g_autoptr(GPtrArray) checks = xa_test_feed_ids (feed, "flood_check");
  g_autoptr(GPtrArray) problems = xa_test_feed_ids (feed, "problem");

  e->open_by_district = g_hash_table_new (g_str_hash, g_str_equal);
  e->compound_district = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < compounds->len; i++)
    {
      JsonObject *c = xa_test_feed_lookup (feed, "compound", compounds->pdata[i]);

      g_hash_table_insert (e->compound_district, compounds->pdata[i],
                           (gpointer) member_string (c, "district"));
      e->compounds++;
      e->revenue_recorded += member_bool (c, "public_revenue_recorded");
      e->special_accounts += member_bool (c, "special_account");
      e->supervised_fen += member_int (c, "supervised_fen");
    }

  /* Coverage: compounds with charging facilities, that is with ports. */
  for (guint i = 0; i < chargings->len; i++)
    {
      JsonObject *c = xa_test_feed_lookup (feed, "charging", chargings->pdata[i]);

      e->ports += member_int (c, "ports");
      e->ebikes += member_int (c, "registered_ebikes");
      e->smart_ports += member_int (c, "smart_ports");
      if (member_int (c, "ports") > 0)
        g_hash_table_add (charging, (gpointer) member_string (c, "compound"));
    }
  e->charging_compounds = g_hash_table_size (charging);

  /* Flood: the checks of the season, one a compound. */
  for (guint i = 0; i < checks->len; i++)
    {
      JsonObject *c = xa_test_feed_lookup (feed, "flood_check", checks->pdata[i]);

      if (member_int (c, "season") != e->season)
        continue;
      g_assert_true (g_hash_table_add (inspected, (gpointer) member_string (c, "compound")));
      if (item_in_place (c, "supplies") && item_in_place (c, "personnel") &&
          item_in_place (c, "plan") && item_in_place (c, "drill"))
        e->flood_ready++;
      e->drills += member_int (c, "drills_held");
      e->flood_fixed += member_int (c, "problems_fixed");
    }
  e->flood_inspected = g_hash_table_size (inspected);

  /* Problems: resolved = resolved or closed, open = open or in progress; solved at city
   * level counts compounds with a resolved or closed problem at the city tier. */
  for (guint i = 0; i < problems->len; i++)
    {
      JsonObject *p = xa_test_feed_lookup (feed, "problem", problems->pdata[i]);
      const char *status = member_string (p, "status");
      gboolean done = g_str_equal (status, "resolved") || g_str_equal (status, "closed");

      e->problems++;
      e->on_site += g_str_equal (member_string (p, "tier"), "on_site");
      if (done)
        e->resolved++;
      if (g_str_equal (status, "open") || g_str_equal (status, "in_progress"))
        {
          const char *district = g_hash_table_lookup (e->compound_district,
                                                      member_string (p, "compound"));
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (e->open_by_district, district));

          e->open++;
          g_hash_table_insert (e->open_by_district, (gpointer) district, GUINT_TO_POINTER (n + 1));
        }
      if (done && g_str_equal (member_string (p, "tier"), "city"))
        g_hash_table_add (city, (gpointer) member_string (p, "compound"));
    }
  e->city_tier = g_hash_table_size (city);
  e->elevators = xa_test_feed_count (feed, "elevator");
}

/* Open problems whose deadline has passed at @now. */
static guint
count_overdue (XaTestFeed *feed,
               gint64      now)
{
  g_autoptr(GPtrArray) problems = xa_test_feed_ids (feed, "problem");
  guint overdue = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      JsonObject *p = xa_test_feed_lookup (feed, "problem", problems->pdata[i]);
      const char *status = member_string (p, "status");
      g_autoptr(GDateTime) deadline = g_date_time_new_from_iso8601 (member_string (p, "deadline"),
                                                                    NULL);

      g_assert_nonnull (deadline);
      if ((g_str_equal (status, "open") || g_str_equal (status, "in_progress")) &&
          g_date_time_to_unix (deadline) < now)
        overdue++;
    }
  return overdue;
}

static void
assert_count (GtkWidget  *page,
              const char *title,
              guint64     value)
{
  g_autofree char *want = xa_test_group_thousands (value);

  g_test_message ("%s: %s", title, want);
  g_assert_cmpstr (xa_test_row_value (page, title), ==, want);
}

/* @keyval pressed on @widget's key controller, as GTK delivers a key to the focus widget:
 * whether the widget handled it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* The Dashboard's own figures and charts: the splits, "Figures as of" the store's last
 * sync, the chart by district (its numbers, its accessible label) and its bars choosing
 * the map's district filter. */
static void
check_dashboard (XaWindow       *window,
                 GtkWidget      *page,
                 const Expected *e)
{
  g_autoptr(XaStore) store = xa_test_store_open (_xa_window_get_store_path (window));
  g_autofree char *server = xa_store_dup_server (store);
  g_autofree char *time = xa_calendar_format (xa_store_get_last_sync (store, server),
                                              "%Y-%m-%d %H:%M");
  g_autofree char *as_of = g_strdup_printf (_("Figures as of %s"), time);
  g_autofree char *ratio = NULL;
  g_autofree char *label = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  XaDashboardChart *chart;
  const XaChartData *data;
  guint luozhuang = G_MAXUINT;

  g_assert_nonnull (xa_test_ui_find_label (page, as_of));
  assert_count (page, _("Problems"), e->problems);
  assert_count (page, _("Registered e-bikes"), (guint64) e->ebikes);
  g_ascii_formatd (number, sizeof number, "%.2f", (double) e->ports / e->ebikes);
  ratio = g_strdup_printf ("%s : 1", number);
  g_assert_cmpstr (xa_test_row_value (page, _("Port ratio")), ==, ratio);
  /* The tiers' group: the on-site tier's row. */
  assert_count (page, _("Solved on site"), e->on_site);

  chart = XA_DASHBOARD_CHART (xa_test_ui_find_widget (page, XA_TYPE_DASHBOARD_CHART));
  g_assert_nonnull (chart);
  data = xa_dashboard_chart_get_data (chart);
  g_assert_cmpstr (data->title, ==, _("Open problems"));
  g_assert_cmpuint (data->groups->len, ==, 12);
  for (guint i = 0; i < data->groups->len; i++)
    {
      XaChartGroup *group = g_ptr_array_index (data->groups, i);
      g_autofree char *want = xa_test_group_thousands (
        GPOINTER_TO_UINT (g_hash_table_lookup (e->open_by_district, group->key)));

      g_test_message ("chart: %s %s %s", group->key, group->label, group->texts[0]);
      g_assert_cmpstr (group->texts[0], ==, want);
      if (g_str_equal (group->key, "371311"))
        luozhuang = i;
    }
  g_assert_cmpuint (luozhuang, <, data->groups->len);
  /* What a screen reader reads holds every number. */
  label = xa_chart_data_describe (data);
  g_assert_nonnull (strstr (label, ((XaChartGroup *) data->groups->pdata[luozhuang])->label));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);

  /* The page's Export Report…, to a path as the save dialog gives one: the report as the
   * command line writes it, its first page saying the page's "Figures as of". */
  {
    g_autofree char *path = xa_test_path ("dashboard-window");
    g_autofree char *report = g_strconcat (path, ".pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    /* A name without an extension: the report is a PDF, and the name says so. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "s",
                                               path));
    g_assert_true (xa_test_ui_poll_until (xa_test_ui_file_exists, report, 100, 30));
    g_assert_true (g_file_get_contents (report, &contents, &length, NULL));
    g_assert_cmpmem (contents, 5, "%PDF-", 5);
  }

  /* A click lands on the bar drawn under it: the bars share the width in their order. */
  {
    double width = gtk_widget_get_width (GTK_WIDGET (chart));
    guint n = data->groups->len;

    g_assert_cmpfloat (width, >, 300);
    for (guint i = 0; i < n; i++)
      g_assert_cmpint (xa_chart_group_at (data, width, width * (i + 0.5) / n), ==, (int) i);
    g_assert_cmpint (xa_chart_group_at (data, width, 0), ==, -1);
    g_assert_cmpint (xa_chart_group_at (data, width, width), ==, -1);
  }

  /* A district's bar chooses the district on the map; the figures follow; the same bar
   * again gives back the whole city. */
  xa_dashboard_chart_activate_group (chart, luozhuang);
  g_assert_cmpstr (_xa_window_get_district (window), ==, "371311");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_null (xa_test_ui_find_label (page, _("Whole City")));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "dashboard-district");
  chart = XA_DASHBOARD_CHART (xa_test_ui_find_widget (page, XA_TYPE_DASHBOARD_CHART));
  xa_dashboard_chart_activate_group (chart, luozhuang);
  g_assert_null (_xa_window_get_district (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (xa_test_ui_find_label (page, _("Whole City")));

  /* From the keyboard: the chart takes the focus, Home and the arrows move from bar to
   * bar, Enter chooses the district of the bar with the focus. */
  chart = XA_DASHBOARD_CHART (xa_test_ui_find_widget (page, XA_TYPE_DASHBOARD_CHART));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  g_assert_true (press_key (GTK_WIDGET (chart), GDK_KEY_Home));
  for (guint i = 0; i < luozhuang; i++)
    g_assert_true (press_key (GTK_WIDGET (chart), GDK_KEY_Right));
  g_assert_true (press_key (GTK_WIDGET (chart), GDK_KEY_Return));
  g_assert_cmpstr (_xa_window_get_district (window), ==, "371311");
  chart = XA_DASHBOARD_CHART (xa_test_ui_find_widget (page, XA_TYPE_DASHBOARD_CHART));
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (press_key (GTK_WIDGET (chart), GDK_KEY_space));
  g_assert_null (_xa_window_get_district (window));
}

static void
test_city_figures (void)
{
  g_autofree char *store_path = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(XaTestFeed) feed = NULL;
  g_autofree char *yuan = NULL;
  g_autofree char *money = NULL;
  g_autofree char *percent = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *overdue_text;
  g_autofree char *overdue_before = NULL;
  g_autofree char *overdue_after = NULL;
  Expected e = { 0 };
  XaWindow *window;
  GtkWidget *page;
  gint64 before, after;

  store_path = xa_test_sync_demo ("figures.db", NULL, &feed);

  e.season = latest_season (feed);
  g_assert_cmpint (e.season, >, 2000);
  compute_expected (feed, &e);
  /* A figure of 0 would hide a page that never filled in. */
  g_assert_cmpuint (e.flood_ready, >, 0);
  g_assert_cmpuint (e.city_tier, >, 0);
  g_assert_cmpuint (e.open, >, 0);

  g_settings_set_int (settings, "flood-season", e.season);
  /* The size the Dashboard is designed for, in its screenshots. */
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  before = g_get_real_time () / G_USEC_PER_SEC;
  window = xa_test_window_open (app, store_path);
  after = g_get_real_time () / G_USEC_PER_SEC;
  _xa_window_show_view (window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "summary");
  /* The compound panel on the map has rows of the same titles. */
  page = GTK_WIDGET (_xa_window_get_city_summary (window));

  assert_count (page, _("Compounds"), e.compounds);
  assert_count (page, _("Public revenue recorded"), e.revenue_recorded);
  assert_count (page, _("Special accounts opened"), e.special_accounts);
  yuan = xa_test_group_thousands (e.supervised_fen / 100);
  money = g_strdup_printf (chinese () ? "%s.%02d 元" : "%s.%02d yuan", yuan,
                           (int) (e.supervised_fen % 100));
  g_assert_cmpstr (xa_test_row_value (page, _("Public revenue under supervision")), ==, money);

  g_ascii_formatd (number, sizeof number, "%.1f", 100.0 * e.charging_compounds / e.compounds);
  percent = g_strdup_printf (chinese () ? "%s%%" : "%s %%", number);
  g_test_message ("coverage: %s", percent);
  g_assert_cmpstr (xa_test_row_value (page, _("Charging coverage")), ==, percent);
  assert_count (page, _("Compounds with charging facilities"), e.charging_compounds);
  assert_count (page, _("Charging ports"), e.ports);
  assert_count (page, _("Smart charging ports"), e.smart_ports);

  g_test_message ("flood season: %d", e.season);
  assert_count (page, _("Compounds inspected"), e.flood_inspected);
  assert_count (page, _("All four items in place"), e.flood_ready);
  assert_count (page, _("Drills held"), (guint64) e.drills);
  assert_count (page, _("Problems found and fixed"), (guint64) e.flood_fixed);

  assert_count (page, _("Resolved"), e.resolved);
  assert_count (page, _("Open"), e.open);
  /* Overdue is taken when the window read the store, somewhere between these two. */
  overdue_text = xa_test_row_value (page, _("Overdue"));
  overdue_before = xa_test_group_thousands (count_overdue (feed, before));
  overdue_after = xa_test_group_thousands (count_overdue (feed, after));
  g_test_message ("overdue: %s (%s … %s)", overdue_text, overdue_before, overdue_after);
  g_assert_true (g_str_equal (overdue_text, overdue_before) ||
                 g_str_equal (overdue_text, overdue_after));
  assert_count (page, _("Solved at city level"), e.city_tier);
  assert_count (page, _("Elevators"), e.elevators);

  check_dashboard (window, page, &e);

  xa_test_ui_save_screenshot (GTK_WIDGET (window), "figures");
  xa_test_window_close (window);
  g_settings_reset (settings, "flood-season");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_hash_table_unref (e.open_by_district);
  g_hash_table_unref (e.compound_district);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/figures/city", test_city_figures);
}
