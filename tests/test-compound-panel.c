/* test-compound-panel.c — the compound side panel and the map legend as real widgets in a
 * window under Xvfb, on a store synced over HTTP from the real demo server: the empty
 * state, the named compounds' facts, cadre phone and its copy button, the flood checklist
 * (and a season without a check), an overdue 12345 case, a compound that has gone, a store
 * that cannot be read (an error and a way forward, no false "No …" texts), Tab stopping
 * only on what can be used; the legend's titles, counts and swatches sampled from a
 * rendering. Saves screenshots to
 * $XA_SCREENSHOT_DIR (or the test's tmp dir), named after the language; run it once more
 * with LANG=zh_CN.UTF-8 for the Chinese ones. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xa-application.h"
#include "xa-compound-panel.h"
#include "xa-format.h"
#include "xa-map-legend.h"
#include "xa-store-edits.h"
#include "xa-store-queries.h"
#include "xa-sync-client.h"
#include "xa-test-feed.h"
#include "xa-test-palette.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

/* The day the demo city describes (src/server/xs-demo-city.c), in the bureau's zone. */
#define DEMO_NOW_ISO "2025-09-15T09:00:00+08:00"
#define DEMO_SEASON  2025

static XaApplication *app;
static char *store_path;
static gint64 demo_now;
/* What the server sent, read by the test itself: the source of the expected values. */
static XaTestFeed *feed;

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
            && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The value label ("xa-value") of the drawable row titled @title. */
static const char *
row_value (GtkWidget  *panel,
           const char *title)
{
  GtkWidget *label = xa_test_ui_find_label (panel, title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  for (GtkWidget *w = row; w != NULL; )
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "xa-value"))
        return gtk_label_get_text (GTK_LABEL (w));
      /* Depth first through the row only. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_not_reached ();
}

/* The first (by id) cadre of @compound_id in the feed. */
static JsonObject *
feed_first_cadre (const char *compound_id)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, "cadre");
  const char *first = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonArray *compounds = json_object_get_array_member (xa_test_feed_lookup (feed, "cadre",
                                                                                ids->pdata[i]),
                                                           "compounds");

      for (guint k = 0; k < json_array_get_length (compounds); k++)
        if (g_str_equal (json_array_get_string_element (compounds, k), compound_id) &&
            (first == NULL || strcmp (ids->pdata[i], first) < 0))
          first = ids->pdata[i];
    }
  g_assert_nonnull (first);
  return xa_test_feed_lookup (feed, "cadre", first);
}

/* The record of @type that points at @compound_id (the first by id), or NULL. */
static JsonObject *
feed_record_of (const char *type,
                const char *compound_id)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, type);
  const char *first = NULL;

  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (json_object_get_string_member (xa_test_feed_lookup (feed, type, ids->pdata[i]),
                                                    "compound"), compound_id) &&
        (first == NULL || strcmp (ids->pdata[i], first) < 0))
      first = ids->pdata[i];
  return first != NULL ? xa_test_feed_lookup (feed, type, first) : NULL;
}

/* The open (open or in progress) problems of @compound_id in the feed. */
static guint
feed_open_problems (const char *compound_id)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, "problem");
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *p = xa_test_feed_lookup (feed, "problem", ids->pdata[i]);
      const char *status = json_object_get_string_member (p, "status");

      n += g_str_equal (json_object_get_string_member (p, "compound"), compound_id) &&
           (g_str_equal (status, "open") || g_str_equal (status, "in_progress"));
    }
  return n;
}

typedef struct
{
  GtkWindow *window;
  GtkWidget *panel;
  XaStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = xa_store_open (store_path, &error);
  g_assert_no_error (error);
  f->panel = xa_compound_panel_new ();
  f->window = xa_test_ui_present (f->panel, 400, 960);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
}

static void
show (Fixture    *f,
      const char *compound_id,
      int         season)
{
  xa_compound_panel_set_compound (XA_COMPOUND_PANEL (f->panel), f->store, compound_id,
                                  demo_now, season, NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
}

/* Scrolls the panel so @widget is at the top, for a screenshot of a lower section. */
static void
scroll_to (Fixture   *f,
           GtkWidget *widget)
{
  GtkScrolledWindow *scrolled =
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  graphene_point_t point;

  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  /* The viewport's coordinates start at what is in view, not at the top of the content. */
  point.y += gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y - 12);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  g_test_message ("scrolled to %.0f of %.0f", point.y - 12,
                  gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (scrolled)));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  show (f, NULL, DEMO_SEASON);
  g_assert_null (xa_compound_panel_get_compound_id (XA_COMPOUND_PANEL (f->panel)));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Select a compound on the map")));
  if (g_str_equal (xa_test_ui_language_tag (), "zh_CN"))
    g_assert_cmpstr (_("Select a compound on the map"), !=, "Select a compound on the map");
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-empty");

  /* Showing a compound and going back to none shows the empty state again. */
  show (f, "LY-JUNLAN-1", DEMO_SEASON);
  g_assert_null (xa_test_ui_find_label (f->panel, _("Select a compound on the map")));
  show (f, NULL, DEMO_SEASON);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Select a compound on the map")));

  /* A compound that a sync removed gets a page that says so. */
  show (f, "NO-SUCH-COMPOUND", DEMO_SEASON);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Compound Not Found")));
  g_assert_null (xa_compound_panel_get_compound_id (XA_COMPOUND_PANEL (f->panel)));
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* 君澜壹号院: the flood story of the seed article, with all four items in place. */
static void
test_junlan (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *flood_title = g_strdup_printf (_("Flood Prevention, %d Season"), DEMO_SEASON);
  g_autofree char *clipboard_text = NULL;
  g_autofree char *supervised = NULL;
  JsonObject *compound = xa_test_feed_lookup (feed, "compound", "LY-JUNLAN-1");
  gint64 fen = json_object_get_int_member (compound, "supervised_fen");
  g_autofree char *yuan = xa_test_group_thousands (fen / 100);
  JsonObject *cadre = feed_first_cadre ("LY-JUNLAN-1");
  const char *cadre_phone = json_object_get_string_member (cadre, "phone");
  GtkWidget *phone, *row, *copy;

  show (f, "LY-JUNLAN-1", DEMO_SEASON);
  g_assert_cmpstr (xa_compound_panel_get_compound_id (XA_COMPOUND_PANEL (f->panel)), ==,
                   "LY-JUNLAN-1");

  /* Facts */
  g_assert_nonnull (xa_test_ui_find_label (f->panel, "君澜壹号院"));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, "罗庄区三江路66号"));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, "盛庄街道"));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, "罗庄区"));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, "临沂君澜物业服务有限公司"));
  g_assert_cmpstr (row_value (f->panel, _("Households")), ==, "1,320");
  g_assert_cmpstr (row_value (f->panel, _("Built")), ==, "2019");
  g_assert_cmpstr (row_value (f->panel, _("Kind")), ==, _("Residential"));
  g_assert_cmpstr (row_value (f->panel, _("Owners’ committee")), ==, _("No"));
  /* Yuan with two decimals, written here in each language. */
  supervised = g_strdup_printf (g_str_equal (xa_test_ui_language_tag (), "zh_CN")
                                ? "%s.%02d 元" : "%s.%02d yuan", yuan, (int) (fen % 100));
  g_assert_cmpstr (row_value (f->panel, _("Under supervision")), ==, supervised);

  /* Cadre: the phone is shown, selectable, and the button copies it. */
  g_assert_nonnull (xa_test_ui_find_label (f->panel,
                                           json_object_get_string_member (cadre, "name")));
  phone = xa_test_ui_find_label (f->panel, cadre_phone);
  g_assert_nonnull (phone);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (phone)));
  row = gtk_widget_get_ancestor (phone, ADW_TYPE_ACTION_ROW);
  copy = find_type (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, read_text_cb,
                                 &clipboard_text);
  while (clipboard_text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (clipboard_text, ==, cadre_phone);

  /* Flood: the season's title, the four items in place, the pumps of the story. */
  g_assert_nonnull (xa_test_ui_find_label (f->panel, flood_title));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Supplies and facilities")));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Personnel")));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Plan")));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Drill")));
  g_assert_cmpuint (count_labels (f->panel, "✓"), ==, 4);
  g_assert_cmpuint (count_labels (f->panel, "✗"), ==, 0);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("All four in place")));
  g_assert_cmpstr (row_value (f->panel, _("Pumps")), ==, "6");
  g_assert_cmpstr (row_value (f->panel, _("Low-lying spots")), ==, "2");
  g_assert_null (xa_test_ui_find_label (f->panel, _("Not inspected this season")));

  /* The two flood cases of the story were closed before the deadline. */
  if (feed_open_problems ("LY-JUNLAN-1") == 0)
    g_assert_nonnull (xa_test_ui_find_label (f->panel, _("No open problems")));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Recently Resolved")));

  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-junlan");
  scroll_to (f, xa_test_ui_find_label (f->panel, flood_title));
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-junlan-flood");

  /* Another season without a check: said in words, and no stale items. */
  show (f, "LY-JUNLAN-1", 2031);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Not inspected this season")));
  g_assert_null (xa_test_ui_find_label (f->panel, _("Supplies and facilities")));
  g_assert_cmpuint (count_labels (f->panel, "✓"), ==, 0);
}

/* 博观新城一期: the west exit case, with the city since April and past its deadline of
 * 2025-08-31 18:00 — 14 days and 15 hours before the demo's "now", so 15 days overdue. */
static void
test_boguan (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *overdue = g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days",
                                                        15), 15);
  JsonObject *elevator = feed_record_of ("elevator", "LY-BOGUAN-1");
  GtkWidget *title, *label, *problems;

  show (f, "LY-BOGUAN-1", DEMO_SEASON);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, "博观新城一期"));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, json_object_get_string_member (
                                             feed_first_cadre ("LY-BOGUAN-1"), "phone")));

  title = xa_test_ui_find_label (f->panel, "西出口多年未按规划开通");
  g_assert_nonnull (title);
  label = xa_test_ui_find_label_containing (f->panel, overdue);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  /* The overdue line belongs to that problem's block. */
  g_assert_true (gtk_widget_get_parent (label) == gtk_widget_get_parent (title));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, _("City level")));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, "2025-08-31 18:00"));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, "市住房城乡建设局（牵头）"));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, _("12345 hotline")));

  /* The compound's elevators are listed by building and unit. */
  if (elevator != NULL)
    {
      g_autofree char *where =
        g_strdup_printf ("%s %s", json_object_get_string_member (elevator, "building"),
                         json_object_get_string_member (elevator, "unit"));

      g_assert_nonnull (xa_test_ui_find_label (f->panel, where));
    }

  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-boguan");
  problems = xa_test_ui_find_label (f->panel, _("Open Problems"));
  g_assert_nonnull (problems);
  scroll_to (f, problems);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-boguan-problems");
}

/* 沂龙湾慧园: the charging story (ports 1:1). */
static void
test_charging (Fixture       *f,
               gconstpointer  data)
{
  JsonObject *charging = feed_record_of ("charging", "LY-YILONGWAN-HY");
  g_autofree char *ebikes = NULL;
  GtkWidget *section, *elevators;

  show (f, "LY-YILONGWAN-HY", DEMO_SEASON);
  g_assert_nonnull (charging);
  ebikes = xa_test_group_thousands (json_object_get_int_member (charging, "registered_ebikes"));
  g_assert_cmpstr (row_value (f->panel, _("Registered e-bikes")), ==, ebikes);
  g_assert_nonnull (row_value (f->panel, _("Ports per e-bike")));
  section = xa_test_ui_find_label (f->panel, _("E-Bike Charging"));
  g_assert_nonnull (section);
  scroll_to (f, section);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-yilongwan-charging");

  /* The first elevator opened, to show its details. */
  elevators = find_type (f->panel, ADW_TYPE_EXPANDER_ROW);
  if (elevators != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (elevators), TRUE);
      g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Registration code")));
      scroll_to (f, elevators);
      xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-yilongwan-elevator");
    }
}

/* The centre pixel of @swatch in @texture of @widget, as 8-bit RGBA. */
static void
sample_center (GdkTexture *texture,
               GtkWidget  *widget,
               GtkWidget  *swatch,
               guint8      rgba[4])
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (swatch) / 2.0,
                                                 gtk_widget_get_height (swatch) / 2.0);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (swatch, widget, &centre, &point));
  /* Premultiplied, but the swatch centre is opaque. */
  xa_test_ui_texture_pixel (texture, (int) point.x, (int) point.y, rgba);
}

static void
check_legend (GtkWidget   *legend,
              XaOverlay    overlay,
              const guint  counts[XA_OVERLAY_MAX_BANDS])
{
  g_autoptr(GdkTexture) texture = xa_test_ui_render (legend);
  guint band = 0;

  g_assert_nonnull (xa_test_ui_find_label (legend, xa_overlay_title (overlay)));
  g_assert_nonnull (xa_test_ui_find_label (legend, xa_overlay_description (overlay)));
  for (GtkWidget *w = find_type (legend, GTK_TYPE_GRID), *child = gtk_widget_get_first_child (w);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int column, row;
      GdkRGBA expected;
      guint8 rgba[4];
      GtkWidget *swatch, *box;

      /* With counts, a band is a button (it opens the list of its compounds) holding the
       * swatch, the label and the count. */
      if (!GTK_IS_BUTTON (child))
        continue;
      gtk_grid_query_child (GTK_GRID (w), child, &column, &row, NULL, NULL);
      g_assert_cmpint (column, ==, 0);
      g_assert_cmpint (row, ==, band);
      box = gtk_button_get_child (GTK_BUTTON (child));
      swatch = gtk_widget_get_first_child (box);
      g_assert_true (GTK_IS_DRAWING_AREA (swatch));
      g_assert_true (gtk_widget_has_css_class (swatch, "xa-swatch"));
      g_assert_cmpint (gtk_widget_get_width (swatch), >=, 12);

      xa_test_palette_color (overlay, band, &expected);
      sample_center (texture, legend, swatch, rgba);
      g_test_message ("band %u: %02x%02x%02x%02x", band, rgba[0], rgba[1], rgba[2], rgba[3]);
      g_assert_cmpint (rgba[0], ==, (int) (expected.red * 255 + 0.5));
      g_assert_cmpint (rgba[1], ==, (int) (expected.green * 255 + 0.5));
      g_assert_cmpint (rgba[2], ==, (int) (expected.blue * 255 + 0.5));
      g_assert_cmpint (rgba[3], ==, 255);
      {
        g_autofree char *label = xa_overlay_band_label (overlay, band, NULL);
        g_autofree char *count = xa_test_group_thousands (counts[band]);
        GtkWidget *label_widget = xa_test_ui_find_label (legend, label);
        GtkWidget *count_widget = gtk_widget_get_last_child (box);

        g_assert_nonnull (label_widget);
        g_assert_true (gtk_widget_get_next_sibling (swatch) == label_widget);
        g_assert_nonnull (count_widget);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count_widget)), ==, count);
      }
      band++;
    }
  g_assert_cmpuint (band, ==, xa_overlay_n_bands (overlay));
}

/* Land, a park, a river and streets in the colours of an OpenStreetMap tile. */
static void
draw_map_like (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  cairo_set_source_rgb (cr, 0.949, 0.937, 0.914);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.784, 0.937, 0.776);
  cairo_rectangle (cr, 20, 150, 180, 120);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.667, 0.827, 0.875);
  cairo_set_line_width (cr, 28);
  cairo_move_to (cr, 0, 60);
  cairo_curve_to (cr, 160, 140, 300, 220, width, 300);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 6);
  for (int x = 40; x < width; x += 90)
    {
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x + 40, height);
    }
  cairo_stroke (cr);
}

static void
test_legend (void)
{
  static const guint flood[XA_OVERLAY_MAX_BANDS] = { 3008, 312, 66, 104 };
  static const guint ages[XA_OVERLAY_MAX_BANDS] = { 410, 520, 388, 212, 1960 };
  static const guint problems[XA_OVERLAY_MAX_BANDS] = { 2900, 480, 110 };
  const XaElevatorThresholds thresholds = { 10, 15, 20 };
  GtkWindow *window;
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *background = gtk_drawing_area_new ();
  GtkWidget *legend = xa_map_legend_new ();

  /* Something map-like behind it, so the screenshot shows how it reads over tiles. */
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (background), draw_map_like, NULL, NULL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), background);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), legend);
  window = xa_test_ui_present (overlay, 480, 360);

  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (legend), "xa-legend"));
  g_assert_cmpint (gtk_widget_get_halign (legend), ==, GTK_ALIGN_START);
  g_assert_cmpint (gtk_widget_get_valign (legend), ==, GTK_ALIGN_END);

  xa_map_legend_set_overlay (XA_MAP_LEGEND (legend), XA_OVERLAY_FLOOD, flood, NULL);
  g_assert_cmpint (xa_map_legend_get_overlay (XA_MAP_LEGEND (legend)), ==, XA_OVERLAY_FLOOD);
  check_legend (legend, XA_OVERLAY_FLOOD, flood);
  g_assert_nonnull (xa_test_ui_find_label (legend, "3,008"));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "legend-flood");

  xa_map_legend_set_overlay (XA_MAP_LEGEND (legend), XA_OVERLAY_ELEVATOR_AGE, ages, &thresholds);
  check_legend (legend, XA_OVERLAY_ELEVATOR_AGE, ages);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "legend-elevator-age");

  /* Fewer bands than before: nothing of the last overlay stays behind. */
  xa_map_legend_set_overlay (XA_MAP_LEGEND (legend), XA_OVERLAY_PROBLEMS, problems, NULL);
  check_legend (legend, XA_OVERLAY_PROBLEMS, problems);
  g_assert_null (xa_test_ui_find_label (legend, "1,960"));
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "legend-problems");

  /* No counts yet: bands without numbers. */
  xa_map_legend_set_overlay (XA_MAP_LEGEND (legend), XA_OVERLAY_CHARGING, NULL, NULL);
  g_assert_nonnull (xa_test_ui_find_label (legend, xa_overlay_title (XA_OVERLAY_CHARGING)));
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (find_type (legend, GTK_TYPE_GRID)), 2, 0));

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A records file whose cadre table has gone: the panel says the compound cannot be read,
 * names the file and offers a new sync, and shows none of the "No …" texts that the
 * records may contradict. */
/* Whether Tab may stop on @widget: a control, an elevator's header that opens it, or a
 * code label meant to be selected and copied. Never a row that only shows a figure. */
static gboolean
is_interactive (GtkWidget *widget)
{
  GtkWidget *row;

  if (GTK_IS_BUTTON (widget) || gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) != NULL)
    return TRUE;
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_selectable (GTK_LABEL (widget))
           && gtk_widget_has_css_class (widget, "xa-selectable");
  /* A row holding a control: GTK 4.8's list box reaches the control through its row. */
  if (GTK_IS_LIST_BOX_ROW (widget) && find_type (widget, GTK_TYPE_BUTTON) != NULL)
    return TRUE;
  row = GTK_IS_LIST_BOX_ROW (widget) ? widget
                                      : gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row))
         && gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW) != NULL;
}

/* Tab through a compound with cadres, elevators and problems stops only on what can be
 * used: the cadres' copy buttons and the elevators, not on every figure. */
static void
test_tab_stops (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) cadres = xa_store_compound_cadres (f->store, "LY-JUNLAN-1", NULL);
  g_autoptr(GPtrArray) elevators = xa_store_compound_elevators (f->store, "LY-JUNLAN-1", NULL);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();

  show (f, "LY-JUNLAN-1", DEMO_SEASON);
  g_assert_cmpuint (cadres->len, >, 0);
  g_assert_cmpuint (elevators->len, >, 0);
  gtk_window_set_focus (f->window, NULL);
  while (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD))
    {
      GtkWidget *focus;

      focus = gtk_window_get_focus (f->window);
      g_assert_nonnull (focus);
      if (stops->len > 0 && g_ptr_array_find (stops, focus, NULL))
        break;
      g_test_message ("Tab stop %u: %s", stops->len, G_OBJECT_TYPE_NAME (focus));
      g_assert_true (is_interactive (focus));
      g_ptr_array_add (stops, focus);
      g_assert_cmpuint (stops->len, <, 200);
    }
  /* Per cadre its row (GTK 4.8's list box reaches a button only through its row) and its
   * copy button; per elevator the header that opens it. */
  g_assert_cmpuint (stops->len, ==, 2 * cadres->len + elevators->len);
}

static void
test_read_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *broken_path = xa_test_path ("broken.db");
  g_autoptr(GFile) from = g_file_new_for_path (store_path);
  g_autoptr(GFile) to = g_file_new_for_path (broken_path);
  g_autoptr(XaStore) broken = NULL;
  g_autoptr(GError) error = NULL;
  const char *false_texts[] = { N_("No cadre assigned"), N_("Not inspected this season"),
                                N_("No elevators"), N_("No open problems") };
  /* The button's text as shown, without the mnemonic's underline, in any language. */
  g_autoptr(GtkWidget) mnemonic =
    g_object_ref_sink (gtk_label_new_with_mnemonic (_("Sync _Again")));
  const char *sync_again = gtk_label_get_text (GTK_LABEL (mnemonic));
  GtkWidget *button;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  broken = xa_store_open (broken_path, &error);
  g_assert_no_error (error);
  xa_test_sqlite_exec (broken_path, "DROP TABLE cadre_compound");

  xa_compound_panel_set_compound (XA_COMPOUND_PANEL (f->panel), broken, "LY-JUNLAN-1",
                                  demo_now, DEMO_SEASON, NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (xa_test_ui_find_label (f->panel, _("Records Cannot Be Read")));
  g_assert_nonnull (xa_test_ui_find_label_containing (f->panel, broken_path));
  for (guint i = 0; i < G_N_ELEMENTS (false_texts); i++)
    g_assert_null (xa_test_ui_find_label (f->panel, _(false_texts[i])));
  g_assert_null (xa_test_ui_find_label (f->panel, "君澜壹号院"));
  g_assert_nonnull (xa_test_ui_find_label (f->panel, sync_again));
  button = gtk_widget_get_ancestor (xa_test_ui_find_label (f->panel, sync_again),
                                    GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.sync");
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-read-error");

  /* A readable store again: the compound, and no trace of the error. */
  show (f, "LY-JUNLAN-1", DEMO_SEASON);
  g_assert_null (xa_test_ui_find_label (f->panel, _("Records Cannot Be Read")));
  show (f, NULL, DEMO_SEASON);
  g_assert_null (xa_test_ui_find_label (f->panel, sync_again));
}

/* The id of the first (by id) record of @type of @compound_id whose @member is @value
 * (NULL: any) in the feed; asserts there is one. */
static char *
feed_id_of (const char *type,
            const char *compound_id,
            const char *member,
            const char *value)
{
  g_autoptr(GPtrArray) ids = xa_test_feed_ids (feed, type);
  const char *first = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = xa_test_feed_lookup (feed, type, ids->pdata[i]);

      if (g_str_equal (json_object_get_string_member (record, "compound"), compound_id) &&
          (member == NULL || g_str_equal (json_object_get_string_member (record, member), value))
          && (first == NULL || strcmp (ids->pdata[i], first) < 0))
        first = ids->pdata[i];
    }
  g_assert_nonnull (first);
  return g_strdup (first);
}

/* Local edits not yet accepted by the server are marked on their rows: "Pending" on a lift
 * planned for renewal here, "Rejected" on a problem whose change the server refused; a
 * discard takes the marks away again (and leaves the shared store as it was). */
static void
test_pending (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *elevator = feed_id_of ("elevator", "LY-BOGUAN-1", NULL, NULL);
  g_autofree char *problem = feed_id_of ("problem", "LY-BOGUAN-1", "title",
                                         "西出口多年未按规划开通");
  const char *status = json_object_get_string_member (xa_test_feed_lookup (feed, "problem",
                                                                           problem), "status");
  XaElevatorEdit plan = { .set_planned_year = TRUE, .planned_year = 2027 };
  XaProblemEdit change = { .note = "已派单" };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *pending, *rejected, *title;

  show (f, "LY-BOGUAN-1", DEMO_SEASON);
  g_assert_null (xa_test_ui_find_label (f->panel, _("Pending")));
  g_assert_null (xa_test_ui_find_label (f->panel, _("Rejected")));

  g_assert_true (xa_store_edit_elevator (f->store, elevator, &plan, &error));
  g_assert_no_error (error);
  change.status = g_str_equal (status, "open") ? XA_STATUS_IN_PROGRESS : XA_STATUS_RESOLVED;
  g_assert_true (xa_store_edit_problem (f->store, problem, &change, &error));
  g_assert_no_error (error);
  entries = xa_store_list_outbox (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (xa_store_outbox_refused (f->store,
                                          ((XaOutboxEntry *) entries->pdata[1])->local_id,
                                          XA_OUTBOX_REJECTED, "refused for the test",
                                          "status", NULL, &error));
  g_assert_no_error (error);

  show (f, "LY-BOGUAN-1", DEMO_SEASON);
  pending = xa_test_ui_find_label (f->panel, _("Pending"));
  g_assert_nonnull (pending);
  g_assert_true (gtk_widget_has_css_class (pending, "accent"));
  g_assert_nonnull (gtk_widget_get_ancestor (pending, ADW_TYPE_EXPANDER_ROW));
  rejected = xa_test_ui_find_label (f->panel, _("Rejected"));
  g_assert_nonnull (rejected);
  g_assert_true (gtk_widget_has_css_class (rejected, "error"));
  /* The mark belongs to that problem's row. */
  title = xa_test_ui_find_label (f->panel, "西出口多年未按规划开通");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_ancestor (rejected, GTK_TYPE_LIST_BOX_ROW) ==
                 gtk_widget_get_ancestor (title, GTK_TYPE_LIST_BOX_ROW));
  scroll_to (f, pending);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-pending");
  scroll_to (f, title);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "panel-rejected");

  for (guint i = 0; i < entries->len; i++)
    {
      g_assert_true (xa_store_discard_edit (f->store,
                                            ((XaOutboxEntry *) entries->pdata[i])->local_id,
                                            &error));
      g_assert_no_error (error);
    }
  show (f, "LY-BOGUAN-1", DEMO_SEASON);
  g_assert_null (xa_test_ui_find_label (f->panel, _("Pending")));
  g_assert_null (xa_test_ui_find_label (f->panel, _("Rejected")));
}

/* Adds a test that gets a store of the demo city and a panel in a window (the Fixture). */
#define add_with_panel(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (DEMO_NOW_ISO, NULL);
  int ret;

  xa_test_window_init (&argc, &argv);

  /* The application brings the resources, libadwaita's style and style.css. */
  app = xa_test_window_app_register ();

  demo_now = g_date_time_to_unix (now);
  store_path = xa_test_sync_demo ("demo.db", NULL, &feed);

  add_with_panel ("/compound-panel/empty", test_empty);
  add_with_panel ("/compound-panel/junlan", test_junlan);
  add_with_panel ("/compound-panel/boguan", test_boguan);
  add_with_panel ("/compound-panel/tab-stops", test_tab_stops);
  add_with_panel ("/compound-panel/charging", test_charging);
  add_with_panel ("/compound-panel/read-error", test_read_error);
  add_with_panel ("/compound-panel/pending", test_pending);
  g_test_add_func ("/map-legend/bands", test_legend);

  ret = xa_test_window_run (&app);
  g_free (store_path);
  g_clear_pointer (&feed, xa_test_feed_free);
  return ret;
}
