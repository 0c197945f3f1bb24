/* test-compound-layer.c — XaCompoundLayer in a real window under Xvfb, on a ShumateMap whose
 * basemap points at a closed port on 127.0.0.1 (no network): the drawn colours follow the
 * overlay, a click selects and activates, Tab / Enter / arrows / plus / Home work, clusters
 * show at low zoom and single dots at high zoom, tooltips and the accessible name say which
 * compound; at zoom 19 dots sit where hit testing finds them and long outlines are whole; a
 * larger text scale redraws the cluster counts. Screenshots go to $XA_SCREENSHOT_DIR (or the
 * test's tmp dir). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xa-compound-layer-private.h"
#include "xa-overlay-style.h"
#include "xa-test-palette.h"
#include "xa-test-ui.h"
#include "xa-test-synthetic-city.h"
#include "xa-test-util.h"

#define WIDTH 900
#define HEIGHT 640

static GtkWindow *window;
static ShumateMap *map;
static ShumateViewport *viewport;
static XaCompoundLayer *layer;
static XaCompoundPoints *points;

/* Renders the window, saves it as layer-@name.png, returns the pixels. */
static GdkTexture *
screenshot (const char *name)
{
  g_autofree char *file = g_strconcat ("layer-", name, NULL);
  GdkTexture *texture = xa_test_ui_render (GTK_WIDGET (window));

  xa_test_ui_save_texture (texture, file);
  return texture;
}

static void
save_screenshot (const char *name)
{
  g_autoptr(GdkTexture) texture = screenshot (name);
}

/* The colour of the screenshot at layer coordinates @x, @y. */
static void
pixel_at (GdkTexture *texture,
          double      x,
          double      y,
          GdkRGBA    *out)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (x, y), &p));
  /* Premultiplied, but the window is opaque. */
  xa_test_ui_texture_color (texture, (int) p.x, (int) p.y, out);
}

static gboolean
color_near (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.05 && fabs (a->green - b->green) < 0.05 &&
         fabs (a->blue - b->blue) < 0.05;
}

static void
set_view (double lat,
          double lon,
          double zoom)
{
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
}

/* A compound of the city centre with nothing else within @clear_px at zoom 17 and whose
 * flood and charging colours differ, so a pixel at its centre is its own. */
static const XaCompoundPoint *
lonely_compound (double clear_px)
{
  double world = 256 * exp2 (17);
  guint n = xa_compound_points_get_n (points);

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (points, i);
      GdkRGBA flood, charging;
      gboolean alone = TRUE;

      if (fabs (p->lat - 35.06) > 0.05 || fabs (p->lon - 118.35) > 0.05)
        continue;
      xa_test_palette_color (XA_OVERLAY_FLOOD, p->bands[XA_OVERLAY_FLOOD], &flood);
      xa_test_palette_color (XA_OVERLAY_CHARGING, p->bands[XA_OVERLAY_CHARGING], &charging);
      if (color_near (&flood, &charging))
        continue;
      for (guint k = 0; k < n && alone; k++)
        {
          const XaCompoundPoint *q = xa_compound_points_get (points, k);

          alone = k == i || hypot ((p->x - q->x) * world, (p->y - q->y) * world) > clear_px;
        }
      if (alone)
        return p;
    }
  g_assert_not_reached ();
}

static void
test_overlay_colours (void)
{
  const XaCompoundPoint *p = lonely_compound (40);
  g_autoptr(GdkTexture) flood_shot = NULL;
  g_autoptr(GdkTexture) charging_shot = NULL;
  GdkRGBA expected, seen;
  double x, y;

  xa_compound_layer_set_overlay (layer, XA_OVERLAY_FLOOD);
  set_view (p->lat, p->lon, 17);
  g_assert_true (_xa_compound_layer_locate (layer, p->id, &x, &y));
  g_assert_cmpfloat (fabs (x - WIDTH / 2.0), <, 1.5);
  g_assert_cmpfloat (fabs (y - HEIGHT / 2.0), <, 1.5);

  flood_shot = screenshot ("flood");
  xa_test_palette_color (XA_OVERLAY_FLOOD, p->bands[XA_OVERLAY_FLOOD], &expected);
  pixel_at (flood_shot, x, y, &seen);
  {
    g_autofree char *want = gdk_rgba_to_string (&expected);
    g_autofree char *got = gdk_rgba_to_string (&seen);

    g_test_message ("flood: expected %s, seen %s", want, got);
  }
  g_assert_true (color_near (&expected, &seen));

  xa_compound_layer_set_overlay (layer, XA_OVERLAY_CHARGING);
  charging_shot = screenshot ("charging");
  xa_test_palette_color (XA_OVERLAY_CHARGING, p->bands[XA_OVERLAY_CHARGING], &expected);
  pixel_at (charging_shot, x, y, &seen);
  g_assert_true (color_near (&expected, &seen));

  /* The dark outline, 1.5 px wide on the rim of the 6 px dot. */
  pixel_at (charging_shot, x + 5.5, y, &seen);
  g_assert_cmpfloat (seen.red + seen.green + seen.blue, <, 1.2);

  /* Another district's compounds are left out: the same pixel is no longer their colour,
   * and nothing is there to hit. */
  xa_compound_layer_set_district_filter (layer, "000000");
  g_clear_object (&charging_shot);
  charging_shot = screenshot ("filtered");
  pixel_at (charging_shot, x, y, &seen);
  g_assert_false (color_near (&expected, &seen));
  g_assert_null (_xa_compound_layer_dup_tooltip (layer, x, y));
  xa_compound_layer_set_district_filter (layer, NULL);
  xa_compound_layer_set_overlay (layer, XA_OVERLAY_FLOOD);
}

/* At zoom 19 world pixels pass 1e8, where a float steps by 8 px: the dot and the selection
 * ring must be drawn where the view maths (and so hit testing) put them, wherever panning
 * stops between two float steps. */
static void
test_deep_zoom (void)
{
  static const double pans[] = { 0, 2.5, 5.25, -3.75, 6.5 };
  const XaCompoundPoint *p = lonely_compound (40);
  double world = 256 * exp2 (19);
  static const double inside[][2] = { { 0, 0 }, { -3, 0 }, { 3, 0 }, { 0, -3 }, { 0, 3 } };
  static const double ring[][2] = { { -10.5, 0 }, { 10.5, 0 }, { 0, -10.5 }, { 0, 10.5 } };
  GdkRGBA expected;

  xa_compound_layer_set_overlay (layer, XA_OVERLAY_FLOOD);
  xa_compound_layer_set_selected_id (layer, p->id);
  xa_test_palette_color (XA_OVERLAY_FLOOD, p->bands[XA_OVERLAY_FLOOD], &expected);
  for (guint i = 0; i < G_N_ELEMENTS (pans); i++)
    {
      g_autoptr(GdkTexture) shot = NULL;
      double lat, lon, x, y;
      GdkRGBA seen;

      xa_mercator_to_location (p->x + pans[i] / world, p->y + pans[i] / 2 / world, &lat, &lon);
      set_view (lat, lon, 19);
      g_assert_true (_xa_compound_layer_locate (layer, p->id, &x, &y));
      g_assert_cmpfloat (fabs (x - (WIDTH / 2.0 - pans[i])), <, 0.5);
      g_assert_cmpfloat (fabs (y - (HEIGHT / 2.0 - pans[i] / 2)), <, 0.5);
      g_assert_true (gtk_widget_contains (GTK_WIDGET (layer), x, y));

      shot = screenshot ("deep-zoom");
      /* The dot's fill all round its centre (its dark rim starts 4.5 px out)… */
      for (guint k = 0; k < G_N_ELEMENTS (inside); k++)
        {
          g_autofree char *text = NULL;

          pixel_at (shot, x + inside[k][0], y + inside[k][1], &seen);
          text = gdk_rgba_to_string (&seen);
          g_test_message ("pan %.2f: %+.0f,%+.0f is %s", pans[i], inside[k][0], inside[k][1],
                          text);
          g_assert_true (color_near (&expected, &seen));
        }
      /* …and the black selection ring 9–12 px out, all round. */
      for (guint k = 0; k < G_N_ELEMENTS (ring); k++)
        {
          pixel_at (shot, x + ring[k][0], y + ring[k][1], &seen);
          g_assert_cmpfloat (seen.red + seen.green + seen.blue, <, 0.3);
        }
    }
  xa_compound_layer_set_selected_id (layer, NULL);
}

/* A compound with an outline reaching more than 256 px (a boundary tile) past its point at
 * zoom 19 and over a tile border, alone enough that no other outline or dot is near. Gives
 * the world x of that border and the world position of the vertex past it. */
static const XaCompoundPoint *
far_reaching_outline (double *border,
                      double *vx,
                      double *vy)
{
  double world = 256 * exp2 (19);
  guint n = xa_compound_points_get_n (points);

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (points, i);
      gboolean alone = TRUE;

      for (guint k = 0; p->boundary != NULL && k < p->n_boundary_points; k++)
        {
          double mx, my;

          xa_mercator_from_location (p->boundary[2 * k + 1], p->boundary[2 * k], &mx, &my);
          *vx = mx * world;
          *vy = my * world;
          *border = floor (*vx / 256) * 256;
          if (*border - p->x * world > 270 && *vx - *border > 12)
            break;
          *vx = -1;
        }
      if (p->boundary == NULL || *vx < 0)
        continue;
      for (guint k = 0; k < n && alone; k++)
        {
          const XaCompoundPoint *q = xa_compound_points_get (points, k);

          alone = k == i || hypot ((p->x - q->x) * world, (p->y - q->y) * world) > 1000;
        }
      if (alone)
        return p;
    }
  g_assert_not_reached ();
}

/* Outlines are drawn in 256 px tiles; one longer than that is drawn whole, not cut where a
 * tile that did not look far enough for it begins. */
static void
test_long_outline (void)
{
  double world = 256 * exp2 (19), border = 0, vx = 0, vy = 0, x0, y0;
  const XaCompoundPoint *p = far_reaching_outline (&border, &vx, &vy);
  g_autoptr(GdkTexture) shot = NULL;
  GdkRGBA before, after, outside;

  xa_compound_layer_set_overlay (layer, XA_OVERLAY_FLOOD);
  set_view (p->lat, p->lon, 19);
  shot = screenshot ("long-outline");
  /* Widget coordinates of world pixels: the point is at the centre. */
  x0 = p->x * world - WIDTH / 2.0;
  y0 = p->y * world - HEIGHT / 2.0;
  g_assert_cmpfloat (vx - x0, <, WIDTH - 10);
  /* Along the row of the vertex, just before and just after the tile border: the same
   * fill; past the vertex the map without it. */
  pixel_at (shot, border - 3 - x0, vy - y0, &before);
  pixel_at (shot, border + 3 - x0, vy - y0, &after);
  pixel_at (shot, vx + 8 - x0, vy - y0, &outside);
  g_assert_false (color_near (&before, &outside));
  g_assert_true (color_near (&before, &after));
}

static void
activated_cb (XaCompoundLayer *self,
              const char      *id,
              char           **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_click (void)
{
  const XaCompoundPoint *p = lonely_compound (40);
  g_autofree char *activated = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *selected = NULL;
  gulong id;
  double x, y;

  xa_compound_layer_set_selected_id (layer, NULL);
  set_view (p->lat, p->lon, 17);
  g_assert_true (_xa_compound_layer_locate (layer, p->id, &x, &y));
  id = g_signal_connect (layer, "compound-activated", G_CALLBACK (activated_cb), &activated);

  /* The pointer finds the dot (the layer takes the click there) and only there. */
  g_assert_true (gtk_widget_contains (GTK_WIDGET (layer), x + 3, y - 2));
  g_assert_false (gtk_widget_contains (GTK_WIDGET (layer), x + 30, y + 30));
  g_assert_false (_xa_compound_layer_click (layer, x + 30, y + 30));
  g_assert_null (activated);

  tooltip = _xa_compound_layer_dup_tooltip (layer, x, y);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, p->name));
  g_assert_nonnull (strstr (tooltip, p->district_name));
  g_assert_null (_xa_compound_layer_dup_tooltip (layer, x + 30, y + 30));

  g_assert_true (_xa_compound_layer_click (layer, x + 2, y + 2));
  g_assert_cmpstr (activated, ==, p->id);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (layer), ==, p->id);
  g_object_get (layer, "selected-id", &selected, NULL);
  g_assert_cmpstr (selected, ==, p->id);
  g_signal_handler_disconnect (layer, id);
  save_screenshot ("selected");
}

static GtkEventController *
key_controller (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (layer));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

/* What pressing @keyval does, through the layer's own key handler. */
static gboolean
press (guint keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (key_controller (), "key-pressed", keyval, 0, (GdkModifierType) 0,
                         &handled);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 1);
  return handled;
}

static void
test_keyboard (void)
{
  const XaCompoundPoint *p = lonely_compound (40);
  g_autofree char *activated = NULL;
  g_autofree char *first = NULL;
  g_autofree char *label = NULL;
  const XaCompoundPoint *focused;
  double x1, y1, x2, y2, lon, zoom;
  gulong id;

  xa_compound_layer_set_selected_id (layer, NULL);
  set_view (p->lat, p->lon, 16.5);
  id = g_signal_connect (layer, "compound-activated", G_CALLBACK (activated_cb), &activated);

  /* Tab enters the map on the first compound in reading order… */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (layer), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (layer)));
  first = g_strdup (_xa_compound_layer_get_focus_id (layer));
  g_assert_nonnull (first);
  g_assert_true (_xa_compound_layer_locate (layer, first, &x1, &y1));

  /* …and moves on to one further along. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (layer), GTK_DIR_TAB_FORWARD));
  g_assert_nonnull (_xa_compound_layer_get_focus_id (layer));
  g_assert_cmpstr (_xa_compound_layer_get_focus_id (layer), !=, first);
  g_assert_true (_xa_compound_layer_locate (layer, _xa_compound_layer_get_focus_id (layer),
                                            &x2, &y2));
  g_assert_true (floor (y2 / 48) > floor (y1 / 48) ||
                 (floor (y2 / 48) == floor (y1 / 48) && x2 >= x1));
  /* Shift+Tab goes back. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (layer), GTK_DIR_TAB_BACKWARD));
  g_assert_cmpstr (_xa_compound_layer_get_focus_id (layer), ==, first);
  save_screenshot ("focus");

  /* The accessible name says which compound has the ring. */
  focused = xa_compound_points_get (points, xa_compound_points_find (points, first));
  {
    g_autofree char *band = xa_overlay_band_label (XA_OVERLAY_FLOOD,
                                                   focused->bands[XA_OVERLAY_FLOOD], NULL);

    label = g_strdup_printf ("Compound map: %s, %s, %s", focused->name,
                             focused->district_name, band);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         label);
  }
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_ROLE_GROUP);

  /* Enter selects it. */
  g_assert_true (press (GDK_KEY_Return));
  g_assert_cmpstr (activated, ==, first);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (layer), ==, first);

  /* Arrows pan, plus zooms, Home shows everything; Ctrl+digits are the window's. */
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_true (press (GDK_KEY_Right));
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon);
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (press (GDK_KEY_KP_Add));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);
  g_assert_true (press (GDK_KEY_minus));
  g_assert_true (press (GDK_KEY_Home));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, 11);
  {
    gboolean handled = TRUE;

    g_signal_emit_by_name (key_controller (), "key-pressed", GDK_KEY_1, 0, GDK_CONTROL_MASK,
                           &handled);
    g_assert_false (handled);
  }
  g_signal_handler_disconnect (layer, id);
}

static void
test_clusters (void)
{
  guint dots, clusters, count;
  double x, y, zoom;

  /* The whole city: clusters, and not one dot per compound. */
  xa_compound_layer_fit_all (layer);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  _xa_compound_layer_count_visible (layer, &dots, &clusters);
  g_test_message ("fit all: zoom %.2f, %u dots, %u clusters",
                  shumate_viewport_get_zoom_level (viewport), dots, clusters);
  g_assert_cmpuint (clusters, >, 5);
  g_assert_cmpuint (dots + clusters, <, xa_compound_points_get_n (points) / 4);
  save_screenshot ("clusters");

  set_view (35.06, 118.35, 12);
  _xa_compound_layer_count_visible (layer, &dots, &clusters);
  g_assert_cmpuint (clusters, >, 5);
  g_assert_true (_xa_compound_layer_locate_cluster (layer, &x, &y, &count));
  g_assert_cmpuint (count, >, 1);
  {
    g_autofree char *tooltip = _xa_compound_layer_dup_tooltip (layer, x, y);
    g_autofree char *expected = g_strdup_printf ("<b>%u compounds</b>", count);

    g_assert_true (g_str_has_prefix (tooltip, expected));
  }
  /* A click on a cluster zooms in on it. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (_xa_compound_layer_click (layer, x, y));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, zoom + 1.5);

  /* Close up: single dots only, with boundaries. */
  set_view (35.06, 118.35, 17);
  _xa_compound_layer_count_visible (layer, &dots, &clusters);
  g_test_message ("zoom 17: %u dots, %u clusters", dots, clusters);
  g_assert_cmpuint (clusters, ==, 0);
  g_assert_cmpuint (dots, >, 0);
  save_screenshot ("dots");
}

/* Clusters never cross a district line, at any zoom: every compound of a cluster is of the
 * same district (read from the compounds' own district codes), and the members add up. */
static void
test_district_clusters (void)
{
  XaCompoundScene *scene = _xa_compound_layer_get_scene (layer);
  /* Linyi's three urban districts, side by side in the city centre. */
  static const char * const urban[] = { "371302", "371311", "371312" };

  set_view (35.06, 118.35, 12);
  g_assert_cmpfloat (scene->tile_size, >, 0);
  for (guint zoom = 0; zoom < XA_CLUSTER_MAX_ZOOM; zoom++)
    {
      XaClusterLevel *level = xa_compound_clusters_ensure_level (scene->clusters, zoom, points,
                                                                 scene->tile_size);
      g_autofree const char **district = g_new0 (const char *, level->n_clusters);
      g_autofree guint *members = g_new0 (guint, level->n_clusters);

      for (guint i = 0; i < xa_compound_points_get_n (points); i++)
        {
          const XaCompoundPoint *p = xa_compound_points_get (points, i);
          guint c = level->cluster_of[i];

          g_assert_cmpuint (c, <, level->n_clusters);
          if (district[c] == NULL)
            district[c] = p->district_code;
          g_assert_cmpstr (district[c], ==, p->district_code);
          members[c]++;
        }
      for (guint c = 0; c < level->n_clusters; c++)
        g_assert_cmpuint (members[c], ==, level->clusters[c].n);
    }

  /* At city zoom each district in view is named beside its largest cluster, with its count;
   * the three urban ones too, however close together. */
  for (guint zoom = 9; zoom <= XA_DISTRICT_LABEL_MAX_ZOOM; zoom++)
    {
      g_autofree char *name = g_strdup_printf ("districts-z%u", zoom);

      set_view (35.05, 118.35, zoom);
      save_screenshot (name);
      for (guint u = 0; u < G_N_ELEMENTS (urban); u++)
        {
          gboolean named = FALSE;

          for (guint i = 0; i < scene->labels->len; i++)
            {
              const XaCompoundLabel *label = &g_array_index (scene->labels, XaCompoundLabel, i);
              const XaCompoundDistrict *d = xa_compound_points_get_district (points,
                                                                             label->district);

              named = named || g_strcmp0 (d->code, urban[u]) == 0;
            }
          g_test_message ("zoom %u: %u names, %s %s", zoom, scene->labels->len, urban[u],
                          named ? "named" : "NOT named");
          g_assert_true (named);
        }
    }
  /* Closer in, the names give way to the compounds. */
  set_view (35.05, 118.35, XA_DISTRICT_LABEL_MAX_ZOOM + 1);
  g_assert_cmpuint (scene->labels->len, ==, 0);
}

/* The count on a cluster is text: a larger text scale (GNOME's sets gtk-xft-dpi) redraws
 * it larger. */
static void
test_text_scale (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  double x, y;
  guint count, changed = 0;
  int dpi;

  set_view (35.06, 118.35, 12);
  g_assert_true (_xa_compound_layer_locate_cluster (layer, &x, &y, &count));
  before = screenshot ("text-scale-before");
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  after = screenshot ("text-scale-after");
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);

  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -10; dx <= 10; dx++)
      {
        GdkRGBA a, b;

        pixel_at (before, x + dx, y + dy, &a);
        pixel_at (after, x + dx, y + dy, &b);
        changed += !color_near (&a, &b);
      }
  g_test_message ("%u of 273 pixels of the count changed", changed);
  g_assert_cmpuint (changed, >, 10);
}

static void
test_go_to (void)
{
  const XaCompoundPoint *p = xa_compound_points_get (points, 42);
  double x, y;

  set_view (35.06, 118.35, 9);
  g_assert_false (xa_compound_layer_go_to (layer, "no-such-compound"));
  g_assert_true (xa_compound_layer_go_to (layer, p->id));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 16);
  g_assert_true (_xa_compound_layer_locate (layer, p->id, &x, &y));
  g_assert_cmpfloat (fabs (x - WIDTH / 2.0), <, 2);
  g_assert_cmpfloat (fabs (y - HEIGHT / 2.0), <, 2);

  /* New points keep the selection when it is among them, and drop it otherwise. */
  xa_compound_layer_set_selected_id (layer, p->id);
  xa_compound_layer_set_points (layer, points);
  g_assert_cmpstr (xa_compound_layer_get_selected_id (layer), ==, p->id);
  {
    g_autoptr(XaCompoundPoints) few = xa_compound_points_new_synthetic (10, 3);

    /* S000000 … S000009: no S000042. */
    xa_compound_layer_set_points (layer, few);
    g_assert_null (xa_compound_layer_get_selected_id (layer));
    xa_compound_layer_set_points (layer, NULL);
    xa_test_ui_wait_frames (GTK_WIDGET (window), 1);
    xa_compound_layer_set_points (layer, points);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShumateRasterRenderer) source = NULL;
  ShumateMapLayer *map_layer;
  int status;

  xa_test_init (&argc, &argv);
  gtk_init ();
  /* Moves are instant, so a test sees where they end. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Port 9 (discard) is closed: every tile fails at once, nothing leaves the machine. */
  source = shumate_raster_renderer_new_full_from_url ("xa-test-unreachable", "Unreachable",
                                                      "", "", 0, 20, 256,
                                                      SHUMATE_MAP_PROJECTION_MERCATOR,
                                                      "http://127.0.0.1:9/{z}/{x}/{y}.png");
  map = shumate_map_new ();
  viewport = shumate_map_get_viewport (map);
  shumate_map_set_map_source (map, SHUMATE_MAP_SOURCE (source));
  map_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport);
  shumate_map_add_layer (map, SHUMATE_LAYER (map_layer));
  layer = xa_compound_layer_new (viewport);
  points = xa_compound_points_new_synthetic (3490, 2024);
  xa_compound_layer_set_points (layer, points);
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));

  window = xa_test_ui_present (GTK_WIDGET (map), WIDTH, HEIGHT);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (layer)), ==, WIDTH);

  g_test_add_func ("/compound-layer/overlay-colours", test_overlay_colours);
  g_test_add_func ("/compound-layer/deep-zoom", test_deep_zoom);
  g_test_add_func ("/compound-layer/long-outline", test_long_outline);
  g_test_add_func ("/compound-layer/click", test_click);
  g_test_add_func ("/compound-layer/keyboard", test_keyboard);
  g_test_add_func ("/compound-layer/clusters", test_clusters);
  g_test_add_func ("/compound-layer/district-clusters", test_district_clusters);
  g_test_add_func ("/compound-layer/text-scale", test_text_scale);
  g_test_add_func ("/compound-layer/go-to", test_go_to);

  status = g_test_run ();
  gtk_window_destroy (window);
  g_clear_object (&points);
  return status;
}
