/* test-map-window.c — the map view in the real XaWindow under Xvfb, on a store synced over
 * HTTP from a real demo server: the demo city drawn, the four overlays switching the legend
 * and the drawn colours (read back from a rendered frame), clicking a compound filling the
 * card, search, the district filter, the basemap notice when tiles cannot load, and the
 * view remembered, also when the app quits with Ctrl+Q. Screenshots go to
 * $XA_SCREENSHOT_DIR, named after the language. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xa-application.h"
#include "xa-compound-layer-private.h"
#include "xa-map-view-private.h"
#include "xa-overlay-style.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-test-feed.h"
#include "xa-test-palette.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"
#include "xa-window-private.h"

static XaApplication *app;
static char *synced_store;
/* The synced city as the server sent it, read by the test itself. */
static XaTestFeed *feed;

static gboolean
colors_close (const GdkRGBA *a,
              const GdkRGBA *b)
{
  const double tolerance = 12.0 / 255.0;

  return ABS (a->red - b->red) <= tolerance && ABS (a->green - b->green) <= tolerance
         && ABS (a->blue - b->blue) <= tolerance;
}

/* Renders the window and looks at the 3×3 pixels around @x, @y (window coordinates):
 * TRUE when one of them has the colour @expected. A small dot's centre may fall between
 * pixels, where its outline blends in. @out gets the centre pixel, for messages. */
static gboolean
window_shows_color (GtkWidget     *window,
                    double         x,
                    double         y,
                    const GdkRGBA *expected,
                    GdkRGBA       *out)
{
  g_autoptr(GdkTexture) texture = xa_test_ui_render (window);
  int cx = (int) x, cy = (int) y;
  gboolean found = FALSE;

  g_assert_cmpint (cx, >=, 1);
  g_assert_cmpint (cy, >=, 1);
  g_assert_cmpint (cx, <, gdk_texture_get_width (texture) - 1);
  g_assert_cmpint (cy, <, gdk_texture_get_height (texture) - 1);
  /* The pixels are premultiplied; the map is opaque there. */
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        GdkRGBA color;

        xa_test_ui_texture_color (texture, cx + dx, cy + dy, &color);
        if (dx == 0 && dy == 0)
          *out = color;
        found = found || colors_close (&color, expected);
      }
  return found;
}

/* Syncs the demo city once from a real xiaoqu-server over HTTP into a store file that
 * every test opens. */
static const char *
get_synced_store (void)
{
  if (synced_store != NULL)
    return synced_store;

  /* Dated today, as the app's own demo is: the flood overlay then shows this season's
   * checks (the default season is the current year) instead of every compound grey. */
  synced_store = xa_test_sync_demo ("synced.db",
                                    (const char * const[]) { "--demo-now", "today", NULL },
                                    &feed);

  /* A demo city is dated to the last 09:00 in Linyi (UTC+8): between midnight and nine on
   * 1 January it is still last year's city, with last year's flood checks. */
  {
    g_autoptr(GTimeZone) linyi = g_time_zone_new_offset (8 * 3600);
    g_autoptr(GDateTime) now = g_date_time_new_now (linyi);
    g_autoptr(GDateTime) dated = g_date_time_add_hours (now, -9);
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    if (g_date_time_get_year (dated) != g_date_time_get_year (now))
      g_settings_set_int (settings, "flood-season", g_date_time_get_year (dated));
  }
  return synced_store;
}

/* The record of @type pointing at compound @id in the feed, or NULL. */
static JsonObject *
feed_record_of (const char *type,
                const char *id,
                int         season)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, type);

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = xa_test_feed_lookup (feed, type, ids->pdata[i]);

      if (g_str_equal (json_object_get_string_member (record, "compound"), id) &&
          (season == 0 || json_object_get_int_member (record, "season") == season))
        return record;
    }
  return NULL;
}

/* Whole years from the date @ymd ("YYYY-MM-DD") to @today, counted by anniversaries as a
 * person's age is: 15 on the 15th anniversary. -1 for a date that does not parse. */
static int
whole_years_since (const char *ymd,
                   GDateTime  *today)
{
  int year, month, day, years;

  if (ymd == NULL || sscanf (ymd, "%d-%d-%d", &year, &month, &day) != 3)
    return -1;
  years = g_date_time_get_year (today) - year;
  if (g_date_time_get_month (today) < month ||
      (g_date_time_get_month (today) == month && g_date_time_get_day_of_month (today) < day))
    years--;
  return MAX (years, 0);
}

/* The elevator age band of compound @id by the help's rule (overlays.page): the years in
 * service of its oldest elevator against the limits in the settings (10, 15, 20 by
 * default); no elevator with a date is "no elevators". */
static int
feed_elevator_band (const char *id)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTimeZone) linyi = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) today = g_date_time_new_now (linyi);
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, "elevator");
  int oldest = -1;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *lift = xa_test_feed_lookup (feed, "elevator", ids->pdata[i]);

      if (g_str_equal (json_object_get_string_member (lift, "compound"), id))
        oldest = MAX (oldest, whole_years_since (json_object_get_string_member (lift,
                                                                                "commissioned"),
                                                 today));
    }
  if (oldest < 0)
    return XA_ELEVATOR_AGE_BAND_NO_ELEVATORS;
  return oldest < g_settings_get_int (settings, "elevator-threshold-low")
         ? XA_ELEVATOR_AGE_BAND_UNDER_10
         : oldest < g_settings_get_int (settings, "elevator-threshold-mid")
         ? XA_ELEVATOR_AGE_BAND_10_TO_15
         : oldest < g_settings_get_int (settings, "elevator-threshold-high")
         ? XA_ELEVATOR_AGE_BAND_15_TO_20 : XA_ELEVATOR_AGE_BAND_20_PLUS;
}

/* The problems band of compound @id by the help's rule: open (open or in progress) and
 * overdue (open, deadline passed) problems. -1 when a deadline of an open problem lies
 * within an hour of now: the app read the store a moment before this test's clock. */
static int
feed_problem_band (const char *id)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, "problem");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean open = FALSE, overdue = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *problem = xa_test_feed_lookup (feed, "problem", ids->pdata[i]);
      const char *status = json_object_get_string_member (problem, "status");
      g_autoptr(GDateTime) deadline = NULL;
      gint64 due;

      if (!g_str_equal (json_object_get_string_member (problem, "compound"), id) ||
          (!g_str_equal (status, "open") && !g_str_equal (status, "in_progress")))
        continue;
      deadline = g_date_time_new_from_iso8601 (json_object_get_string_member (problem,
                                                                              "deadline"),
                                               NULL);
      g_assert_nonnull (deadline);
      due = g_date_time_to_unix (deadline);
      if (ABS (due - now) < 3600)
        return -1;
      open = TRUE;
      overdue = overdue || due < now;
    }
  return overdue ? XA_PROBLEM_BAND_OVERDUE : open ? XA_PROBLEM_BAND_OPEN : XA_PROBLEM_BAND_NONE;
}

/* The band of compound @id in @overlay, worked out from the feed by the rules of the help
 * (overlays.page), not by the app's metrics; -1 when the clock makes it uncertain. */
static int
feed_band (XaOverlay   overlay,
           const char *id)
{
  if (overlay == XA_OVERLAY_FLOOD)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autoptr(GTimeZone) linyi = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) now = g_date_time_new_now (linyi);
      int season = g_settings_get_int (settings, "flood-season");
      static const char * const items[] = { "supplies", "personnel", "plan", "drill" };
      JsonObject *check = feed_record_of ("flood_check", id,
                                          season != 0 ? season : g_date_time_get_year (now));
      int in_place = 0;

      if (check == NULL)
        return XA_FLOOD_BAND_NOT_INSPECTED;
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        in_place += json_object_get_boolean_member (json_object_get_object_member (check, items[i]),
                                                    "in_place");
      return in_place == 4 ? XA_FLOOD_BAND_READY
             : in_place == 3 ? XA_FLOOD_BAND_THREE : XA_FLOOD_BAND_TWO_OR_LESS;
    }
  if (overlay == XA_OVERLAY_CHARGING)
    {
      JsonObject *charging = feed_record_of ("charging", id, 0);
      gint64 ebikes, ports;

      if (charging == NULL || (ebikes = json_object_get_int_member (charging,
                                                                    "registered_ebikes")) == 0)
        return XA_CHARGING_BAND_NO_DATA;
      /* The target is one port per registered e-bike. */
      ports = json_object_get_int_member (charging, "ports");
      return ports >= ebikes ? XA_CHARGING_BAND_MEETS_TARGET
             : 2 * ports >= ebikes ? XA_CHARGING_BAND_HALF_OR_MORE : XA_CHARGING_BAND_BELOW_HALF;
    }
  if (overlay == XA_OVERLAY_ELEVATOR_AGE)
    return feed_elevator_band (id);
  return feed_problem_band (id);
}

/* For each band the app gave some compound in @overlay, the first such compound has that
 * band by the feed too. */
static void
assert_bands_match_feed (XaCompoundPoints *points,
                         XaOverlay         overlay)
{
  guint checked = 0;

  for (guint band = 0; band < XA_OVERLAY_MAX_BANDS; band++)
    for (guint i = 0; i < xa_compound_points_get_n (points); i++)
      {
        const XaCompoundPoint *point = xa_compound_points_get (points, i);
        int expected;

        if (point->bands[overlay] != band)
          continue;
        expected = feed_band (overlay, point->id);
        if (expected < 0)
          continue;
        g_test_message ("%s: %s band %u, by the feed %d", xa_overlay_to_string (overlay),
                        point->id, band, expected);
        g_assert_cmpint (point->bands[overlay], ==, expected);
        checked++;
        break;
      }
  g_assert_cmpuint (checked, >=, 2);
}

static XaWindow *
open_window (void)
{
  XaWindow *window = xa_window_new (app, get_synced_store ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 5);
  g_assert_cmpstr (_xa_window_get_page (window), ==, "map");
  return window;
}

static void
close_window (XaWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char * const keys[] = { "basemap", "basemap-xyz-url", "overlay", "map-zoom",
                                "map-latitude", "map-longitude" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  /* Tests never touch the network: no tiles unless a test serves them. */
  g_settings_set_string (settings, "basemap", "none");
}

/* A compound whose flood and charging colours differ, so switching overlay must repaint it. */
static const XaCompoundPoint *
pick_compound (XaCompoundPoints *points)
{
  for (guint i = 0; i < xa_compound_points_get_n (points); i++)
    {
      const XaCompoundPoint *point = xa_compound_points_get (points, i);
      GdkRGBA flood, charging;

      xa_test_palette_color (XA_OVERLAY_FLOOD, point->bands[XA_OVERLAY_FLOOD], &flood);
      xa_test_palette_color (XA_OVERLAY_CHARGING, point->bands[XA_OVERLAY_CHARGING], &charging);
      if (!colors_close (&flood, &charging))
        return point;
    }
  g_assert_not_reached ();
}

/* Brings @id into view on its own and returns its position in window coordinates. */
static void
locate_in_window (XaWindow   *window,
                  const char *id,
                  double     *wx,
                  double     *wy)
{
  XaCompoundLayer *layer = _xa_map_view_get_layer (_xa_window_get_map_view (window));
  double x, y;

  g_assert_true (xa_compound_layer_go_to (layer, id));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (_xa_compound_layer_locate (layer, id, &x, &y));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (layer), GTK_WIDGET (window),
                                                   x, y, wx, wy));
}

static void
test_demo_city (void)
{
  XaWindow *window;
  XaMapView *view;
  XaCompoundLayer *layer;
  ShumateViewport *viewport;
  guint dots = 0, clusters = 0;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  layer = _xa_map_view_get_layer (view);
  viewport = shumate_map_get_viewport (_xa_map_view_get_map (view));

  g_assert_nonnull (xa_compound_layer_get_points (layer));
  g_assert_cmpuint (xa_compound_points_get_n (xa_compound_layer_get_points (layer)), ==, 3490);
  /* No remembered view: the whole city, Linyi's twelve districts and counties, fits. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 6.0);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 11.0);
  g_assert_cmpfloat (ABS (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - 35.2), <,
                     1.0);
  g_assert_cmpfloat (ABS (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 118.3), <,
                     1.0);
  _xa_compound_layer_count_visible (layer, &dots, &clusters);
  g_assert_cmpuint (dots + clusters, >, 0);
  g_assert_cmpint (xa_map_legend_get_overlay (_xa_map_view_get_legend (view)), ==,
                   XA_OVERLAY_FLOOD);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-city");
  close_window (window);
}

static void
test_overlays (void)
{
  XaWindow *window;
  XaMapView *view;
  XaCompoundPoints *points;
  const XaCompoundPoint *point;
  g_autofree char *id = NULL;
  GdkRGBA seen[XA_N_OVERLAYS];
  double wx, wy;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  points = xa_compound_layer_get_points (_xa_map_view_get_layer (view));
  point = pick_compound (points);
  id = g_strdup (point->id);

  for (guint overlay = 0; overlay < XA_N_OVERLAYS; overlay++)
    {
      g_autofree char *name = g_strdup_printf ("map-%s", xa_overlay_to_string (overlay));
      GdkRGBA expected;
      gboolean shown;
      int band;

      /* What Ctrl+1 … Ctrl+4 activate. */
      gtk_widget_activate_action (GTK_WIDGET (view), "map.overlay", "s",
                                  xa_overlay_to_string (overlay));
      g_assert_cmpint (xa_map_legend_get_overlay (_xa_map_view_get_legend (view)), ==, overlay);
      g_assert_cmpint (xa_compound_layer_get_overlay (_xa_map_view_get_layer (view)), ==, overlay);

      locate_in_window (window, id, &wx, &wy);
      point = xa_compound_points_get (points, xa_compound_points_find (points, id));
      band = feed_band (overlay, id);
      if (band >= 0)
        g_assert_cmpint (point->bands[overlay], ==, band);
      else
        band = point->bands[overlay];
      xa_test_palette_color (overlay, band, &expected);
      assert_bands_match_feed (points, overlay);
      shown = window_shows_color (GTK_WIDGET (window), wx, wy, &expected, &seen[overlay]);
      g_test_message ("%s: band %u, drawn #%02x%02x%02x", xa_overlay_to_string (overlay),
                      point->bands[overlay], (int) (seen[overlay].red * 255),
                      (int) (seen[overlay].green * 255), (int) (seen[overlay].blue * 255));
      g_assert_true (shown);

      /* The screenshot of each overlay shows the whole city with its legend. */
      gtk_widget_activate_action (GTK_WIDGET (view), "map.fit", NULL);
      xa_test_ui_save_screenshot (GTK_WIDGET (window), name);
    }
  g_assert_false (colors_close (&seen[XA_OVERLAY_FLOOD], &seen[XA_OVERLAY_CHARGING]));
  close_window (window);
}

/* At city zoom the urban districts crowd round the centre: no name plate covers another,
 * or a dot or cluster, no two clusters cover each other, and every district is named. */
static void
test_plates_apart (void)
{
  g_autoptr(GArray) plates = NULL;
  g_autoptr(GArray) marks = NULL;
  XaCompoundLayer *layer;
  XaWindow *window;

  reset_settings ();
  window = open_window ();
  layer = _xa_map_view_get_layer (_xa_window_get_map_view (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  plates = _xa_compound_layer_dup_plates (layer);
  marks = _xa_compound_layer_dup_marks (layer);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-plates");

  g_assert_cmpuint (plates->len, ==, xa_test_feed_count (feed, "district"));
  for (guint i = 0; i < plates->len; i++)
    {
      const graphene_rect_t *a = &g_array_index (plates, graphene_rect_t, i);

      for (guint j = i + 1; j < plates->len; j++)
        g_assert_false (graphene_rect_intersection (a, &g_array_index (plates, graphene_rect_t,
                                                                       j), NULL));
      for (guint j = 0; j < marks->len; j++)
        {
          const graphene_point3d_t *m = &g_array_index (marks, graphene_point3d_t, j);
          double nx = CLAMP (m->x, a->origin.x, a->origin.x + a->size.width);
          double ny = CLAMP (m->y, a->origin.y, a->origin.y + a->size.height);

          g_assert_cmpfloat (hypot (m->x - nx, m->y - ny), >=, m->z - 0.5);
        }
    }
  for (guint i = 0; i < marks->len; i++)
    for (guint j = i + 1; j < marks->len; j++)
      {
        const graphene_point3d_t *a = &g_array_index (marks, graphene_point3d_t, i);
        const graphene_point3d_t *b = &g_array_index (marks, graphene_point3d_t, j);

        g_assert_cmpfloat (hypot (a->x - b->x, a->y - b->y), >=, a->z + b->z - 0.5);
      }
  close_window (window);
}

static void
test_select (void)
{
  XaWindow *window;
  XaMapView *view;
  XaCompoundLayer *layer;
  XaCompoundPoints *points;
  const XaCompoundPoint *point;
  double x, y;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  layer = _xa_map_view_get_layer (view);
  points = xa_compound_layer_get_points (layer);
  point = xa_compound_points_get (points, xa_compound_points_get_n (points) / 2);

  g_assert_null (xa_compound_panel_get_compound_id (_xa_map_view_get_panel (view)));
  g_assert_true (xa_compound_layer_go_to (layer, point->id));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (_xa_compound_layer_locate (layer, point->id, &x, &y));
  g_assert_true (_xa_compound_layer_click (layer, x, y));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  g_assert_cmpstr (xa_compound_layer_get_selected_id (layer), ==, point->id);
  g_assert_cmpstr (xa_compound_panel_get_compound_id (_xa_map_view_get_panel (view)), ==,
                   point->id);
  g_assert_true (_xa_map_view_get_sidebar_shown (view));
  g_assert_nonnull (xa_test_ui_find_label (GTK_WIDGET (_xa_map_view_get_panel (view)),
                                           point->name));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-selected");
  close_window (window);
}

static gboolean
has_results (gpointer view)
{
  return gtk_list_box_get_row_at_index (_xa_map_view_get_results_list (view), 0) != NULL;
}

static void
test_search (void)
{
  XaWindow *window;
  XaMapView *view;
  GtkListBoxRow *row;
  GtkWidget *focus;
  const XaCompoundPoint *point;
  XaCompoundPoints *points;
  g_autofree char *query = NULL;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  points = xa_compound_layer_get_points (_xa_map_view_get_layer (view));
  point = xa_compound_points_get (points, 7);

  /* Ctrl+F puts the cursor in the search field. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.search", NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (_xa_map_view_get_search_entry (view))
                 || gtk_widget_is_ancestor (focus,
                                            GTK_WIDGET (_xa_map_view_get_search_entry (view))));

  /* The whole name finds the compound among its results. */
  query = g_strdup (point->name);
  gtk_editable_set_text (_xa_map_view_get_search_entry (view), query);
  xa_test_ui_spin_until (has_results, view, 10);
  row = gtk_list_box_get_row_at_index (_xa_map_view_get_results_list (view), 0);
  g_assert_nonnull (row);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-search");

  for (int i = 0; (row = gtk_list_box_get_row_at_index (_xa_map_view_get_results_list (view), i));
       i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "compound-id"), point->id) == 0)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (_xa_map_view_get_results_list (view), "row-activated", row);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (_xa_map_view_get_layer (view)), ==,
                   point->id);
  g_assert_cmpstr (xa_compound_panel_get_compound_id (_xa_map_view_get_panel (view)), ==,
                   point->id);

  /* Nonsense finds nothing and says so. */
  gtk_editable_set_text (_xa_map_view_get_search_entry (view), "不存在的小区名称 zzzz");
  xa_test_ui_spin (500);
  g_assert_null (gtk_list_box_get_row_at_index (_xa_map_view_get_results_list (view), 0));
  close_window (window);
}

static void
test_district_filter (void)
{
  XaWindow *window;
  XaMapView *view;
  XaCompoundPoints *points;
  GtkDropDown *dropdown;
  guint all[XA_OVERLAY_MAX_BANDS], one[XA_OVERLAY_MAX_BANDS];
  guint all_total = 0, one_total = 0;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  points = xa_compound_layer_get_points (_xa_map_view_get_layer (view));

  /* The district drop-down: the first one of the map view. */
  dropdown = GTK_DROP_DOWN (xa_test_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  /* "All districts" and Linyi's twelve districts and counties. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 13);

  xa_compound_points_count_bands (points, XA_OVERLAY_FLOOD, NULL, all);
  gtk_drop_down_set_selected (dropdown, 1);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (xa_compound_layer_get_district_filter (_xa_map_view_get_layer (view)));
  xa_compound_points_count_bands (points, XA_OVERLAY_FLOOD,
                                  xa_compound_layer_get_district_filter (
                                    _xa_map_view_get_layer (view)),
                                  one);
  for (guint i = 0; i < xa_overlay_n_bands (XA_OVERLAY_FLOOD); i++)
    {
      all_total += all[i];
      one_total += one[i];
    }
  g_assert_cmpuint (all_total, ==, 3490);
  /* The demo dated today has this season's checks: most compounds are inspected. */
  g_assert_cmpuint (all[XA_FLOOD_BAND_NOT_INSPECTED], <, all_total / 10);
  g_assert_cmpuint (one_total, >, 0);
  g_assert_cmpuint (one_total, <, all_total);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-district");

  /* The choice is said in the legend's title, and offered to the rest of the window. */
  {
    const char *code = xa_compound_layer_get_district_filter (_xa_map_view_get_layer (view));
    const char *name = gtk_string_object_get_string (
      GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (dropdown)));
    ShumateViewport *viewport = shumate_map_get_viewport (_xa_map_view_get_map (view));
    double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    const XaCompoundPoint *inside = NULL, *outside = NULL;
    GtkListBoxRow *row;
    double x, y;

    g_assert_cmpstr (xa_map_view_get_district (view), ==, code);
    g_assert_nonnull (xa_test_ui_find_label_containing (GTK_WIDGET (_xa_map_view_get_legend (view)),
                                                        name));
    for (guint i = 0; i < xa_compound_points_get_n (points); i++)
      {
        const XaCompoundPoint *p = xa_compound_points_get (points, i);

        if (strcmp (p->district_code, code) != 0)
          {
            outside = outside != NULL ? outside : p;
            continue;
          }
        inside = inside != NULL ? inside : p;
        min_lat = MIN (min_lat, p->lat);
        max_lat = MAX (max_lat, p->lat);
        min_lon = MIN (min_lon, p->lon);
        max_lon = MAX (max_lon, p->lon);
      }
    /* The map moved to the district. */
    g_test_message ("district %s: view at %.4f, %.4f", code, lat, lon);
    g_assert_cmpfloat (lat, >=, min_lat);
    g_assert_cmpfloat (lat, <=, max_lat);
    g_assert_cmpfloat (lon, >=, min_lon);
    g_assert_cmpfloat (lon, <=, max_lon);
    /* Another district's compound is not drawn, even close up. */
    g_assert_nonnull (outside);
    g_assert_true (xa_compound_layer_go_to (_xa_map_view_get_layer (view), outside->id));
    xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_false (_xa_compound_layer_locate (_xa_map_view_get_layer (view), outside->id,
                                               &x, &y));
    g_assert_true (xa_compound_layer_go_to (_xa_map_view_get_layer (view), inside->id));
    xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_true (_xa_compound_layer_locate (_xa_map_view_get_layer (view), inside->id,
                                              &x, &y));

    /* Searching for it brings every district back, and it is drawn and selected. */
    gtk_editable_set_text (_xa_map_view_get_search_entry (view), outside->name);
    xa_test_ui_spin_until (has_results, view, 10);
    for (int i = 0;
         (row = gtk_list_box_get_row_at_index (_xa_map_view_get_results_list (view), i));
         i++)
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "compound-id"), outside->id) == 0)
        break;
    g_assert_nonnull (row);
    g_signal_emit_by_name (_xa_map_view_get_results_list (view), "row-activated", row);
    xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_null (xa_map_view_get_district (view));
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
    g_assert_cmpstr (xa_compound_layer_get_selected_id (_xa_map_view_get_layer (view)), ==,
                     outside->id);
    g_assert_true (_xa_compound_layer_locate (_xa_map_view_get_layer (view), outside->id,
                                              &x, &y));
  }
  close_window (window);
}

/* Moves the map so that the largest cluster in view lies at @cx, @cy (map coordinates),
 * keeping the zoom. */
static void
put_cluster_at (XaWindow *window,
                double    cx,
                double    cy)
{
  XaMapView *view = _xa_window_get_map_view (window);
  XaCompoundLayer *layer = _xa_map_view_get_layer (view);
  GtkWidget *map = GTK_WIDGET (_xa_map_view_get_map (view));
  ShumateViewport *viewport = shumate_map_get_viewport (SHUMATE_MAP (map));
  graphene_point_t at;
  double x, y, lat, lon;
  guint count;

  g_assert_true (_xa_compound_layer_locate_cluster (layer, &x, &y, &count));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), map,
                                           &GRAPHENE_POINT_INIT (x, y), &at));
  shumate_viewport_widget_coords_to_location (viewport, map,
                                              gtk_widget_get_width (map) / 2.0 + at.x - cx,
                                              gtk_widget_get_height (map) / 2.0 + at.y - cy,
                                              &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
}

/* TRUE when the pixels of @a and @b inside @box (window coordinates) are all alike. */
static gboolean
region_unchanged (GdkTexture            *a,
                  GdkTexture            *b,
                  const graphene_rect_t *box)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  g_autofree guint8 *pa = g_malloc ((gsize) width * height * 4);
  g_autofree guint8 *pb = g_malloc ((gsize) width * height * 4);
  guint differ = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  g_assert_cmpfloat (box->origin.x, >=, 0);
  g_assert_cmpfloat (box->origin.y, >=, 0);
  g_assert_cmpfloat (box->origin.x + box->size.width, <=, width);
  g_assert_cmpfloat (box->origin.y + box->size.height, <=, height);
  gdk_texture_download (a, pa, (gsize) width * 4);
  gdk_texture_download (b, pb, (gsize) width * 4);
  for (int y = (int) box->origin.y; y < (int) (box->origin.y + box->size.height); y++)
    for (int x = (int) box->origin.x; x < (int) (box->origin.x + box->size.width); x++)
      for (guint c = 0; c < 3; c++)
        {
          gsize i = ((gsize) y * width + x) * 4 + c;

          if (ABS ((int) pa[i] - (int) pb[i]) > 2)
            {
              if (differ == 0)
                g_test_message ("at %d,%d: %u against %u", x, y, pa[i], pb[i]);
              differ++;
              break;
            }
        }
  if (differ > 0)
    g_test_message ("%u pixels differ in %gx%g+%g+%g", differ, box->size.width,
                    box->size.height, box->origin.x, box->origin.y);
  return differ == 0;
}

/* The overlay chooser (its "Charging" button above all), the legend and the scale float over
 * the compounds: at city zoom, with the largest cluster moved right under each, the layer
 * paints none of their pixels and a click there reaches the control, not the compounds. */
static void
test_chrome_on_top (void)
{
  XaWindow *window;
  XaMapView *view;
  XaCompoundLayer *layer;
  GtkWidget *map, *charging;
  GtkWidget *chrome[4];

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  layer = _xa_map_view_get_layer (view);
  map = GTK_WIDGET (_xa_map_view_get_map (view));
  charging = xa_test_ui_find_label (_xa_map_view_child (view, GtkWidget, "overlay_chooser"),
                                    _("Charging"));
  g_assert_nonnull (charging);
  chrome[0] = gtk_widget_get_ancestor (charging, GTK_TYPE_BUTTON);
  chrome[1] = _xa_map_view_child (view, GtkWidget, "overlay_chooser");
  chrome[2] = GTK_WIDGET (_xa_map_view_get_legend (view));
  chrome[3] = GTK_WIDGET (_xa_map_view_child (view, ShumateScale, "scale"));

  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    {
      g_autoptr(GdkTexture) with = NULL;
      g_autoptr(GdkTexture) without = NULL;
      g_autofree char *name = g_strdup_printf ("map-chrome-%u", i);
      graphene_rect_t in_map, in_window, inside;
      g_autofree char *tooltip = NULL;
      graphene_point_t centre;
      GtkWidget *picked;

      g_assert_true (gtk_widget_compute_bounds (chrome[i], map, &in_map));
      g_assert_true (gtk_widget_compute_bounds (chrome[i], GTK_WIDGET (window), &in_window));
      graphene_rect_get_center (&in_map, &centre);
      put_cluster_at (window, centre.x, centre.y);
      /* A cluster really lies under the control. */
      tooltip = _xa_compound_layer_dup_tooltip (layer, centre.x, centre.y);
      g_assert_nonnull (tooltip);
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (
                           shumate_map_get_viewport (SHUMATE_MAP (map))), <, 11.0);

      with = xa_test_ui_render (GTK_WIDGET (window));
      xa_test_ui_save_texture (with, name);
      gtk_widget_set_visible (GTK_WIDGET (layer), FALSE);
      without = xa_test_ui_render (GTK_WIDGET (window));
      gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);
      xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
      /* Inside the rounded corners, where the edge is smoothed into what lies under it. */
      graphene_rect_inset_r (&in_window, 8, 8, &inside);
      g_assert_true (region_unchanged (with, without, &inside));

      graphene_rect_get_center (&in_window, &centre);
      picked = gtk_widget_pick (GTK_WIDGET (window), centre.x, centre.y, GTK_PICK_DEFAULT);
      g_assert_nonnull (picked);
      g_assert_true (picked == chrome[i] || gtk_widget_is_ancestor (picked, chrome[i]));
    }
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-chrome");

  /* The scale is metric only: kilometres or metres, never miles or feet. */
  g_assert_nonnull (xa_test_ui_find_label_containing (chrome[3], "m"));
  g_assert_null (xa_test_ui_find_label_containing (chrome[3], "mi"));
  g_assert_null (xa_test_ui_find_label_containing (chrome[3], "ft"));
  close_window (window);
}

static gboolean
shows_notice (gpointer view)
{
  return _xa_map_view_get_notice_text (view) != NULL;
}

static void
test_tiles_offline (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                                          xa_test_closed_port ());
  XaWindow *window;
  XaMapView *view;
  guint dots = 0, clusters = 0;

  reset_settings ();
  g_settings_set_string (settings, "basemap-xyz-url", url);
  g_settings_set_string (settings, "basemap", "xyz");
  window = open_window ();
  view = _xa_window_get_map_view (window);

  xa_test_ui_spin_until (shows_notice, view, 60);
  g_assert_nonnull (_xa_map_view_get_notice_text (view));
  g_test_message ("notice: %s", _xa_map_view_get_notice_text (view));
  /* The compounds stay usable without tiles. */
  _xa_compound_layer_count_visible (_xa_map_view_get_layer (view), &dots, &clusters);
  g_assert_cmpuint (dots + clusters, >, 0);
  /* No tile drawn: no credit for tiles nobody sees. */
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (_xa_map_view_child (view, GtkLabel, "attribution_label"))));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-offline");

  /* Calm: a small chip in a corner, not a banner over the map; the full text (what failed
   * and what to do) is in its popover, opened on demand. */
  {
    GtkMenuButton *notice_button = _xa_map_view_child (view, GtkMenuButton, "notice_button");
    GtkLabel *chip_label = _xa_map_view_child (view, GtkLabel, "notice_chip_label");
    GtkLabel *offline_label = _xa_map_view_child (view, GtkLabel, "offline_label");
    graphene_rect_t chip;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (notice_button),
                                              GTK_WIDGET (_xa_map_view_get_map (view)), &chip));
    g_test_message ("chip: %gx%g at %g,%g", chip.size.width, chip.size.height, chip.origin.x,
                    chip.origin.y);
    g_assert_cmpfloat (chip.size.height, <=, 48);
    g_assert_cmpfloat (chip.size.width, <=, 240);
    g_assert_cmpfloat (chip.origin.x, <=, 24);
    g_assert_cmpfloat (chip.origin.y, <=, 24);
    g_assert_false (gtk_widget_get_visible (
      GTK_WIDGET (gtk_menu_button_get_popover (notice_button))));
    g_assert_cmpuint (g_utf8_strlen (gtk_label_get_label (chip_label), -1), <=, 20);
    gtk_menu_button_popup (notice_button);
    xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (offline_label)));
    g_assert_true (strstr (gtk_label_get_label (offline_label), "127.0.0.1") != NULL);
    xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-offline-explained");
    gtk_menu_button_popdown (notice_button);
  }
  close_window (window);
}

static void
test_bad_basemap (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaWindow *window;
  XaMapView *view;
  guint dots = 0, clusters = 0;

  reset_settings ();
  /* "xyz" without an address: said at once, and the compounds still show. */
  g_settings_set_string (settings, "basemap", "xyz");
  window = open_window ();
  view = _xa_window_get_map_view (window);
  g_assert_nonnull (_xa_map_view_get_notice_text (view));
  g_test_message ("notice: %s", _xa_map_view_get_notice_text (view));
  _xa_compound_layer_count_visible (_xa_map_view_get_layer (view), &dots, &clusters);
  g_assert_cmpuint (dots + clusters, >, 0);
  close_window (window);
}

static void
test_view_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  XaWindow *window;
  ShumateViewport *viewport;

  reset_settings ();
  window = open_window ();
  viewport = shumate_map_get_viewport (_xa_map_view_get_map (_xa_window_get_map_view (window)));
  shumate_viewport_set_zoom_level (viewport, 13.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.1, 118.4);
  gtk_widget_activate_action (GTK_WIDGET (_xa_window_get_map_view (window)), "map.overlay", "s",
                              "elevator-age");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  close_window (window);

  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 13.0, 0.01);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-latitude"), 35.1, 0.001);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-longitude"), 118.4, 0.001);

  window = open_window ();
  viewport = shumate_map_get_viewport (_xa_map_view_get_map (_xa_window_get_map_view (window)));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 13.0, 0.01);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 35.1,
                                  0.001);
  g_assert_cmpint (xa_map_legend_get_overlay (
                     _xa_map_view_get_legend (_xa_window_get_map_view (window))),
                   ==, XA_OVERLAY_ELEVATOR_AGE);
  close_window (window);
}

/* The zoom button and Home on the map fit the city alike, and clear of the legend. */
static void
test_fit (void)
{
  XaWindow *window;
  XaMapView *view;
  ShumateMap *map;
  ShumateViewport *viewport;
  XaCompoundPoints *points;
  graphene_rect_t legend;
  double min_lat, min_lon, max_lat, max_lon, lat, lon, zoom, x, y;

  reset_settings ();
  window = open_window ();
  view = _xa_window_get_map_view (window);
  map = _xa_map_view_get_map (view);
  viewport = shumate_map_get_viewport (map);
  points = xa_compound_layer_get_points (_xa_map_view_get_layer (view));
  g_assert_true (xa_compound_points_get_bounds (points, &min_lat, &min_lon, &max_lat, &max_lon));

  shumate_viewport_set_zoom_level (viewport, 16);
  gtk_widget_activate_action (GTK_WIDGET (view), "map.fit", NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  zoom = shumate_viewport_get_zoom_level (viewport);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_test_message ("fit: zoom %.3f at %.4f, %.4f", zoom, lat, lon);

  /* Every compound is inside the map and above the legend. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (_xa_map_view_get_legend (view)),
                                            GTK_WIDGET (map), &legend));
  g_assert_cmpfloat (legend.size.height, >, 0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map), max_lat, min_lon,
                                              &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map), min_lat, max_lon,
                                              &x, &y);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (map)));
  g_assert_cmpfloat (y, <, legend.origin.y);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "map-fit");

  /* Home on the map (the layer's fit) lands on the same view. */
  shumate_viewport_set_zoom_level (viewport, 16);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.2, 118.2);
  xa_compound_layer_fit_all (_xa_map_view_get_layer (view));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.001);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  lon, 1e-6);
  close_window (window);
}

/* Ctrl+Q (app.quit) closes the window, so the view is remembered as when it is closed. */
static void
test_view_saved_on_quit (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(XaWindow) window = NULL;
  ShumateViewport *viewport;

  reset_settings ();
  window = g_object_ref (open_window ());
  viewport = shumate_map_get_viewport (_xa_map_view_get_map (_xa_window_get_map_view (window)));
  shumate_viewport_set_zoom_level (viewport, 14.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 35.08, 118.31);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 14.0, 0.01);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-latitude"), 35.08, 0.001);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-longitude"), 118.31,
                                  0.001);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  xa_test_window_init (&argc, &argv);

  app = xa_test_window_app_register ();

  g_test_add_func ("/map-window/demo-city", test_demo_city);
  g_test_add_func ("/map-window/overlays", test_overlays);
  g_test_add_func ("/map-window/plates-apart", test_plates_apart);
  g_test_add_func ("/map-window/select", test_select);
  g_test_add_func ("/map-window/search", test_search);
  g_test_add_func ("/map-window/district-filter", test_district_filter);
  g_test_add_func ("/map-window/chrome-on-top", test_chrome_on_top);
  g_test_add_func ("/map-window/tiles-offline", test_tiles_offline);
  g_test_add_func ("/map-window/bad-basemap", test_bad_basemap);
  g_test_add_func ("/map-window/view-remembered", test_view_remembered);
  g_test_add_func ("/map-window/fit", test_fit);
  g_test_add_func ("/map-window/view-saved-on-quit", test_view_saved_on_quit);

  ret = xa_test_window_run (&app);
  g_free (synced_store);
  g_clear_pointer (&feed, xa_test_feed_free);
  return ret;
}
