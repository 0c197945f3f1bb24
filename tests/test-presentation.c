/* test-presentation.c — presentation mode (F5) in a real window on the demo city synced from
 * the real server: F5 goes fullscreen with the chrome hidden and Esc puts the window back as
 * it was (size, page, sidebar, selection); the agenda steps with real key events sent
 * through the X server (PageDown, Space, Right, PageUp, Left, Home, B, "."); the card shows
 * the compound of the item; a decision taken on the card is pushed by the next sync and the
 * server holds its tier, party and deadline; the minutes PDF of win.save-minutes-to has the
 * agenda's Chinese name and the decisions (pdftotext) and renders (pdftoppm); an
 * escalation is refused without a note or with a past deadline. At the screen's size it
 * measures the cluster digits' and the card's glyph heights. */
#include "config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <X11/keysym.h>

#include "xa-calendar.h"
#include "xa-compound-layer-private.h"
#include "xa-decision-dialog.h"
#include "xa-map-view-private.h"
#include "xa-presentation-card.h"
#include "xa-store-agendas.h"
#include "xa-store-edits.h"
#include "xa-test-feed.h"
#include "xa-test-store.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;

typedef int (*FakeKeyFunc) (Display *, unsigned int, Bool, unsigned long);

typedef struct
{
  XaWindow       *window;
  XaPresentation *presentation;
  XaStore        *store;
  FakeKeyFunc     fake_key;
} Fixture;

/* A key pressed and released as a keyboard (or a clicker) does, through the X server with
 * the XTest extension, to whatever has the focus; the window's own handling does the rest. */
static void
press (Fixture *f,
       guint    keyval)
{
  GtkNative *native = GTK_NATIVE (f->window);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  gboolean shift = keyval == XK_B;

  g_assert_cmpuint (code, !=, 0);
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  if (shift)
    f->fake_key (xdisplay, XKeysymToKeycode (xdisplay, XK_Shift_L), True, 0);
  f->fake_key (xdisplay, code, True, 0);
  f->fake_key (xdisplay, code, False, 0);
  if (shift)
    f->fake_key (xdisplay, XKeysymToKeycode (xdisplay, XK_Shift_L), False, 0);
  XSync (xdisplay, False);
  xa_test_ui_spin (150);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
}

static const char *
card_title (Fixture *f)
{
  return xa_presentation_card_get_title (XA_PRESENTATION_CARD (
    _xa_presentation_get_card (f->presentation)));
}

static char *
compound_name (Fixture    *f,
               const char *id)
{
  g_autoptr(XaCompound) compound = xa_store_get_compound (f->store, id);

  g_assert_nonnull (compound);
  return g_strdup (compound->name);
}

static void
assert_item (Fixture  *f,
             XaAgenda *agenda,
             int       position)
{
  g_assert_cmpint (xa_presentation_get_position (f->presentation), ==, position);
  if (position < 0)
    {
      g_assert_false (gtk_widget_is_visible (_xa_presentation_get_card (f->presentation)));
      return;
    }
  {
    const char *id = xa_agenda_item_get_compound_id (xa_agenda_peek_item (agenda, position));
    g_autofree char *name = compound_name (f, id);
    g_autofree char *progress = g_strdup_printf ("%d / %u", position + 1,
                                                 xa_agenda_get_n_items (agenda));

    g_assert_true (gtk_widget_is_visible (_xa_presentation_get_card (f->presentation)));
    g_assert_cmpstr (card_title (f), ==, name);
    g_assert_cmpstr (xa_map_view_get_selected_id (_xa_window_get_map_view (f->window)), ==, id);
    g_assert_true (g_str_has_prefix (_xa_presentation_get_progress (f->presentation), progress));
  }
}

typedef struct
{
  char *compound;
  char *problem;
} Pick;

/* Compounds with an open problem below the city tier, for the agenda. */
static void
collect_open (gconstpointer record,
              gpointer      user_data)
{
  const XaProblem *problem = record;
  GPtrArray *picks = user_data;

  if (picks->len >= 3 || problem->status != XA_STATUS_OPEN || problem->tier != XA_TIER_ON_SITE)
    return;
  for (guint i = 0; i < picks->len; i++)
    if (g_str_equal (((Pick *) picks->pdata[i])->compound, problem->compound))
      return;
  {
    Pick *pick = g_new0 (Pick, 1);

    pick->compound = g_strdup (problem->compound);
    pick->problem = g_strdup (problem->id);
    g_ptr_array_add (picks, pick);
  }
}

static void
pick_free (gpointer data)
{
  Pick *pick = data;

  g_free (pick->compound);
  g_free (pick->problem);
  g_free (pick);
}

/* The height in pixels of the dark ink inside the largest cluster's light hole: its
 * count's digits as the screen shows them. */
static int
cluster_digit_height (Fixture *f)
{
  XaMapView *view = _xa_window_get_map_view (f->window);
  XaCompoundLayer *layer = _xa_map_view_get_layer (view);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GArray) marks = NULL;
  graphene_point_t centre;
  double x, y, r = 0;
  guint count;
  int top = G_MAXINT, bottom = -1;
  g_autofree guint8 *pixels = NULL;
  gsize stride;

  g_assert_true (_xa_compound_layer_locate_cluster (layer, &x, &y, &count));
  marks = _xa_compound_layer_dup_marks (layer);
  for (guint i = 0; i < marks->len; i++)
    {
      const graphene_point3d_t *mark = &g_array_index (marks, graphene_point3d_t, i);

      if (fabs (mark->x - x) < 1 && fabs (mark->y - y) < 1)
        r = mark->z;
    }
  g_assert_cmpfloat (r, >, 0);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer), GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (x, y), &centre));
  texture = xa_test_ui_render (GTK_WIDGET (f->window));
  stride = gdk_texture_get_width (texture) * 4;
  pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  /* Inside the hole (0.62 of the radius), away from its edge. */
  for (int dy = (int) (-r * 0.5); dy <= (int) (r * 0.5); dy++)
    for (int dx = (int) (-r * 0.5); dx <= (int) (r * 0.5); dx++)
      {
        /* GDK_MEMORY_DEFAULT: premultiplied B, G, R, A; the map is opaque. */
        const guint8 *px = pixels + (gsize) ((int) centre.y + dy) * stride
                           + ((int) centre.x + dx) * 4;

        if (px[0] + px[1] + px[2] < 3 * 90)
          {
            top = MIN (top, dy);
            bottom = MAX (bottom, dy);
          }
      }
  g_test_message ("cluster of %u, radius %.1f px: digits %d px tall", count, r,
                  bottom - top + 1);
  return bottom >= top ? bottom - top + 1 : 0;
}

/* The first widget under @root with the CSS class @name, or NULL. */
static GtkWidget *
find_styled (GtkWidget  *root,
             const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, name))
        return child;
      if ((found = find_styled (child, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The ink height of the digits in @label's font, as it draws them. */
static int
digit_height (GtkWidget *label)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "0123456789");
  PangoRectangle ink;

  pango_layout_get_pixel_extents (layout, &ink, NULL);
  return ink.height;
}

/* The district plates of the overview: on the picture, none under the progress line or
 * the legend (they would be cut, or hidden). */
static void
assert_plates_readable (Fixture   *f,
                        XaMapView *view)
{
  GtkWidget *layer = GTK_WIDGET (_xa_map_view_get_layer (view));
  g_autoptr(GArray) plates = _xa_compound_layer_dup_plates (XA_COMPOUND_LAYER (layer));
  GtkWidget *progress = xa_test_ui_find_label (GTK_WIDGET (f->window),
                                               _xa_presentation_get_progress (f->presentation));
  GtkWidget *over[] = { gtk_widget_get_parent (progress),
                        GTK_WIDGET (_xa_map_view_get_legend (view)) };
  graphene_rect_t room = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (layer),
                                             gtk_widget_get_height (layer));

  g_test_message ("%u district plates in the overview", plates->len);
  g_assert_cmpuint (plates->len, >, 0);
  for (guint i = 0; i < plates->len; i++)
    {
      const graphene_rect_t *plate = &g_array_index (plates, graphene_rect_t, i);

      g_assert_true (graphene_rect_contains_rect (&room, plate));
      for (guint k = 0; k < G_N_ELEMENTS (over); k++)
        {
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_compute_bounds (over[k], layer, &bounds));
          g_assert_false (graphene_rect_intersection (plate, &bounds, NULL));
        }
    }
}

static void
test_present (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(XaAgenda) agenda = xa_agenda_new ("十二月防汛会商");
  g_autoptr(GPtrArray) picks = g_ptr_array_new_with_free_func (pick_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(XaTestFeed) feed = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *before_selected = NULL;
  XaTestServer *server;
  XaMapView *view;
  GtkWidget *header;
  GtkWidget *export_button;
  void *xtst;
  int width, height;
  gint64 deadline;

  xtst = dlopen ("libXtst.so.6", RTLD_NOW);
  if (xtst == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("no XTest on an X11 display to press keys with");
      return;
    }
  f->fake_key = (FakeKeyFunc) dlsym (xtst, "XTestFakeKeyEvent");
  g_assert_nonnull (f->fake_key);

  {
    g_autofree char *store_path =
      xa_test_sync_only_demo_serving ("present.db",
                                      (const char * const[]) { "--demo-now", "today", NULL },
                                      &server);

    f->store = xa_test_store_open (store_path);
    g_assert_true (xa_store_foreach (f->store, XA_RECORD_PROBLEM, collect_open, picks, &error));
    g_assert_cmpuint (picks->len, ==, 3);
    for (guint i = 0; i < picks->len; i++)
      g_assert_true (xa_agenda_append (agenda, ((Pick *) picks->pdata[i])->compound,
                                       i == 0 ? "南门积水" : NULL));
    g_assert_true (xa_store_save_agenda (f->store, agenda, &error));
    g_assert_no_error (error);
    f->window = xa_test_window_open (app, store_path);
  }
  xa_test_window_wait_page (f->window, "map", 60);
  xa_window_set_server (f->window, server->base_url, server->token);
  f->presentation = xa_window_get_presentation (f->window);
  view = _xa_window_get_map_view (f->window);
  header = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), XA_TYPE_WINDOW,
                                                     "header_bar"));

  /* The window as a user left it: the Figures page, a compound selected on the map. */
  xa_map_view_select_compound (view, ((Pick *) picks->pdata[2])->compound);
  before_selected = g_strdup (xa_map_view_get_selected_id (view));
  _xa_window_show_view (f->window, "summary");
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));

  /* The keyboard focus on the page's Export Report…: it is there again after the meeting. */
  export_button = xa_test_find_button (GTK_WIDGET (f->window), _("_Export Report…"),
                                      "win.export");
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_grab_focus (export_button));

  /* F5 (the window's accelerator) presents the agenda of "current-agenda". */
  g_settings_set_int64 (settings, "current-agenda", xa_agenda_get_id (agenda));
  press (f, XK_F5);
  g_assert_true (xa_presentation_is_active (f->presentation));
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "presentation"));
  g_assert_cmpstr (_xa_window_get_page (f->window), ==, "map");
  g_assert_false (_xa_map_view_get_sidebar_shown (view));
  g_assert_cmpfloat (xa_compound_layer_get_type_scale (_xa_map_view_get_layer (view)), >=, 2);
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
    GdkMonitor *monitor = gdk_display_get_monitor_at_surface (
      gtk_widget_get_display (GTK_WIDGET (f->window)), surface);
    GdkRectangle geometry;

    gdk_monitor_get_geometry (monitor, &geometry);
    xa_test_ui_spin (300);
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    g_test_message ("presenting at %d×%d on a %d×%d monitor",
                    gtk_widget_get_width (GTK_WIDGET (f->window)),
                    gtk_widget_get_height (GTK_WIDGET (f->window)), geometry.width,
                    geometry.height);
    /* Without a window manager the window keeps the frame of its client-side decoration
     * (a few pixels of shadow) around the monitor's size. */
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, geometry.width - 24);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), >=, geometry.height - 24);
  }
  assert_item (f, agenda, -1);
  xa_test_ui_spin (500);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "presentation-overview");
  assert_plates_readable (f, view);
  {
    GdkMonitor *monitor = gdk_display_get_monitor_at_surface (
      gtk_widget_get_display (GTK_WIDGET (f->window)),
      gtk_native_get_surface (GTK_NATIVE (f->window)));
    GdkRectangle geometry;
    int digits = cluster_digit_height (f);

    /* At least 24 px at 1920×1080, in proportion on a smaller monitor. */
    gdk_monitor_get_geometry (monitor, &geometry);
    g_assert_cmpint (digits, >=, MIN (24, 24 * geometry.height / 1080 - 1));
  }

  /* The clicker's keys, wherever the focus is. */
  press (f, XK_Page_Down);
  assert_item (f, agenda, 0);
  press (f, XK_space);
  assert_item (f, agenda, 1);
  press (f, XK_Right);
  assert_item (f, agenda, 2);
  press (f, XK_Right);          /* the last stays */
  assert_item (f, agenda, 2);
  press (f, XK_Page_Up);
  assert_item (f, agenda, 1);
  press (f, XK_Left);
  assert_item (f, agenda, 0);
  press (f, XK_b);
  g_assert_true (_xa_presentation_is_blanked (f->presentation));
  press (f, XK_period);
  g_assert_false (_xa_presentation_is_blanked (f->presentation));
  press (f, XK_B);
  g_assert_true (_xa_presentation_is_blanked (f->presentation));
  press (f, XK_Page_Down);      /* brings the picture back, on the same item */
  g_assert_false (_xa_presentation_is_blanked (f->presentation));
  assert_item (f, agenda, 0);
  press (f, XK_Home);
  assert_item (f, agenda, -1);
  press (f, XK_Page_Down);
  assert_item (f, agenda, 0);
  xa_test_ui_spin (500);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "presentation-card");
  {
    GtkWidget *card = _xa_presentation_get_card (f->presentation);
    GtkWidget *title = xa_test_ui_find_label (card, card_title (f));
    GtkWidget *facts = find_styled (card, "xa-card-facts");
    int title_digits = digit_height (title), body_digits = digit_height (facts);

    g_test_message ("card: heading digits %d px, body digits %d px (font %d px)", title_digits,
                    body_digits,
                    pango_font_description_get_size (pango_context_get_font_description (
                      gtk_widget_get_pango_context (facts))) / PANGO_SCALE);
    g_assert_cmpint (body_digits, >=, 22);
    g_assert_cmpint (title_digits, >=, 34);
  }

  /* A decision on the card: agreed at consultation, with a note, a party and the
   * consultation tier's deadline. */
  {
    Pick *pick = picks->pdata[0];
    GtkButton *agreed = _xa_presentation_card_get_button (
      XA_PRESENTATION_CARD (_xa_presentation_get_card (f->presentation)), pick->problem,
      XA_DECISION_AGREED);
    XaDecisionDialog *dialog;

    g_assert_nonnull (agreed);
    xa_test_click (GTK_WIDGET (agreed));
    dialog = XA_DECISION_DIALOG (_xa_presentation_get_dialog (f->presentation));
    g_assert_nonnull (dialog);
    deadline = xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC,
                                     g_settings_get_int (settings,
                                                         "deadline-days-consultation"));
    _xa_decision_dialog_fill (dialog, "街道牵头，物业配合清理楼道", "盛庄街道办事处", NULL);
    xa_test_ui_wait_frames (GTK_WIDGET (dialog), 3);
    xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "presentation-decision");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                            "decide"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "decide");
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    g_assert_null (_xa_presentation_get_dialog (f->presentation));
    g_assert_true (xa_store_has_edit (f->store, XA_RECORD_PROBLEM, pick->problem));
    g_assert_nonnull (xa_test_ui_find_label_containing (
      _xa_presentation_get_card (f->presentation), "盛庄街道办事处"));
    xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "presentation-decided");
  }

  /* The next compound, and an escalation: refused without a note, taken with one. */
  press (f, XK_space);
  assert_item (f, agenda, 1);
  {
    Pick *pick = picks->pdata[1];
    GtkButton *escalate = _xa_presentation_card_get_button (
      XA_PRESENTATION_CARD (_xa_presentation_get_card (f->presentation)), pick->problem,
      XA_DECISION_ESCALATED);
    g_autoptr(XaProblem) problem = NULL;
    XaDecisionDialog *dialog;

    g_assert_nonnull (escalate);
    xa_test_click (GTK_WIDGET (escalate));
    dialog = XA_DECISION_DIALOG (_xa_presentation_get_dialog (f->presentation));
    g_assert_nonnull (dialog);
    _xa_decision_dialog_fill (dialog, "  ", "罗庄区住建局", NULL);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                             "decide"));
    _xa_decision_dialog_fill (dialog, "需市级协调资金", "罗庄区住建局", "2001-01-01");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                             "decide"));
    _xa_decision_dialog_fill (dialog, "需市级协调资金", "罗庄区住建局", NULL);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                             "decide"));
    {
      g_autofree char *later = xa_calendar_format (
        xa_calendar_deadline (g_get_real_time () / G_USEC_PER_SEC, 20), "%Y-%m-%d");

      _xa_decision_dialog_fill (dialog, "需市级协调资金", "罗庄区住建局", later);
    }
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                            "decide"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "decide");
    xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
    problem = xa_store_get_problem (f->store, pick->problem);
    g_assert_cmpint (problem->tier, ==, XA_TIER_CONSULTATION);
    g_assert_cmpstr (problem->responsible_party, ==, "罗庄区住建局");
  }

  /* Esc leaves: the window as it was. */
  press (f, XK_Escape);
  xa_test_ui_spin (300);
  xa_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_false (xa_presentation_is_active (f->presentation));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_get_visible (header));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "presentation"));
  g_assert_cmpstr (_xa_window_get_page (f->window), ==, "summary");
  g_assert_true (_xa_map_view_get_sidebar_shown (view));
  g_assert_cmpstr (xa_map_view_get_selected_id (view), ==, before_selected);
  g_assert_cmpfloat (xa_compound_layer_get_type_scale (_xa_map_view_get_layer (view)), ==, 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == export_button);
  /* The toast offers the minutes. */
  g_assert_nonnull (xa_test_find_button (GTK_WIDGET (f->window), _("Save _Minutes…"),
                                         "win.save-minutes"));
  xa_test_ui_save_screenshot (GTK_WIDGET (f->window), "presentation-left");
  /* The presenter's keys are plain keys again. */
  press (f, XK_Page_Down);
  g_assert_false (xa_presentation_is_active (f->presentation));
  g_assert_cmpint (xa_presentation_get_position (f->presentation), ==, 1);

  /* The minutes: the agenda's Chinese name and the decision, as text; and a page. */
  minutes = xa_test_path ("minutes.pdf");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-minutes-to", "s", minutes);
  g_assert_true (g_file_test (minutes, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *text = NULL;
    g_autofree char *png = xa_test_path ("minutes");
    g_autofree char *page = g_strconcat (png, "-1.png", NULL);
    g_autofree char *name = compound_name (f, ((Pick *) picks->pdata[0])->compound);
    const char *totext[] = { "pdftotext", "-layout", minutes, "-", NULL };
    const char *toppm[] = { "pdftoppm", "-png", "-r", "60", minutes, png, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) totext, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_test_message ("minutes:\n%s", text);
    /* Lines wrap anywhere in Chinese text: read it as one run without blanks. */
    {
      char *to = text;

      for (const char *from = text; *from != '\0'; from++)
        if (!g_ascii_isspace (*from))
          *to++ = *from;
      *to = '\0';
    }
    g_assert_nonnull (strstr (text, "十二月防汛会商"));
    g_assert_nonnull (strstr (text, name));
    g_assert_nonnull (strstr (text, "街道牵头，物业配合清理楼道"));
    g_assert_nonnull (strstr (text, "盛庄街道办事处"));
    g_assert_nonnull (strstr (text, "需市级协调资金"));
    g_assert_nonnull (strstr (text, "罗庄区住建局"));
    g_assert_true (g_spawn_sync (NULL, (char **) toppm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
    if (g_getenv ("XA_SCREENSHOT_DIR") != NULL)
      {
        g_autofree char *copy = g_build_filename (g_getenv ("XA_SCREENSHOT_DIR"),
                                                  "presentation-minutes.pdf", NULL);
        g_autofree char *contents = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (minutes, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
      }
  }

  /* The next sync pushes the decision; the server holds its tier, party and deadline. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL);
  xa_test_ui_spin (200);
  xa_test_window_wait_idle (f->window, 120);
  g_assert_null (_xa_window_get_error_text (f->window));
  g_assert_false (xa_store_has_edit (f->store, XA_RECORD_PROBLEM,
                                     ((Pick *) picks->pdata[0])->problem));
  feed = xa_test_feed_fetch (server->base_url, server->token);
  {
    JsonObject *record = xa_test_feed_lookup (feed, "problem",
                                              ((Pick *) picks->pdata[0])->problem);
    gint64 sent = 0;

    g_assert_nonnull (record);
    g_assert_cmpstr (json_object_get_string_member (record, "tier"), ==, "consultation");
    g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "in_progress");
    g_assert_cmpstr (json_object_get_string_member (record, "responsible_party"), ==,
                     "盛庄街道办事处");
    g_assert_true (xa_parse_time (json_object_get_string_member (record, "deadline"), &sent));
    g_assert_cmpint (sent, ==, deadline);
    /* The escalation too: one tier up, its party. */
    record = xa_test_feed_lookup (feed, "problem", ((Pick *) picks->pdata[1])->problem);
    g_assert_nonnull (record);
    g_assert_cmpstr (json_object_get_string_member (record, "tier"), ==, "consultation");
    g_assert_cmpstr (json_object_get_string_member (record, "responsible_party"), ==,
                     "罗庄区住建局");
  }

  xa_test_window_close_all (f->window, f->store, server, NULL);
}

int
main (int   argc,
      char *argv[])
{
  return xa_test_window_main (&argc, &argv, &app, "/presentation/all", test_present);
}
