/* xa-test-ui.c — see xa-test-ui.h. One copy of what every window test needs, so that the
 * screenshots, the waits and the pixel reads behave the same in all of them. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xa-test-ui.h"
#include "xa-test-util.h"

const char *
xa_test_ui_language_tag (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  return messages != NULL && g_str_has_prefix (messages, "zh") ? "zh_CN" : "en";
}

/* Ends the program before any test ran: TAP's "Bail out!" makes meson report it as failed
 * with the reason, where a g_test_skip() would pass in the wrong language. */
G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN static void
bail_out (const char *format,
          ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("Bail out! %s\n", reason);
  fflush (stdout);
  g_printerr ("%s\n", reason);
  exit (1);
}

void
xa_test_ui_init_locale (const char *localedir)
{
  const char *wanted = g_getenv ("XA_TEST_LOCALE");
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *language = NULL;
  g_autofree char *language_line = NULL;
  const char *set, *messages, *header;

  set = setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : built);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wanted == NULL || *wanted == '\0')
    return;

  if (set == NULL)
    bail_out ("The locale %s is not installed, so this run would show English: generate it "
              "(build-aux/install-deps does, or locale-gen)", wanted);
  messages = setlocale (LC_MESSAGES, NULL);
  language = g_strndup (wanted, strcspn (wanted, ".@"));
  if (messages == NULL || !g_str_has_prefix (messages, language))
    bail_out ("LC_MESSAGES is %s, not %s: LANG and LC_ALL of this run do not ask for the "
              "locale of $XA_TEST_LOCALE", messages != NULL ? messages : "(none)", wanted);

  /* The header of a loaded catalogue names its language; without one gettext ("") is "". */
  header = g_dgettext (GETTEXT_PACKAGE, "");
  language_line = g_strdup_printf ("Language: %s\n", language);
  if (strstr (header, language_line) == NULL)
    bail_out ("No %s catalogue of %s was loaded from %s: build the translations (ninja) "
              "before running this test", language, GETTEXT_PACKAGE,
              localedir != NULL ? localedir : built);
  if (g_str_equal (g_dgettext (GETTEXT_PACKAGE, "Welcome to Xiaoqu Atlas"),
                   "Welcome to Xiaoqu Atlas"))
    bail_out ("The %s catalogue is loaded but leaves “Welcome to Xiaoqu Atlas” in English",
              language);
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

GtkWindow *
xa_test_ui_present (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  return window;
}

void
xa_test_ui_wait_frames (GtkWidget *widget,
                        guint      n)
{
  GdkFrameClock *clock;
  guint frames = 0;
  gulong id;

  g_assert (GTK_IS_WIDGET (widget));

  /* An unmapped widget has no frame clock to count on. */
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  while (frames < n)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
xa_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Both waits: with @interval_ms 0, blocking iterations until @condition holds (the timeout
 * also wakes them when nothing else happens); otherwise spins @interval_ms between asking,
 * as blocking iterations alone could sleep until the timeout when nothing else is due. */
static gboolean
wait_until (XaTestUiCondition condition,
            gpointer          user_data,
            guint             interval_ms,
            guint             seconds)
{
  gboolean timed_out = FALSE;
  guint id;

  g_assert (condition != NULL);

  id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);
  while (!timed_out)
    {
      if (interval_ms > 0)
        xa_test_ui_spin (interval_ms);
      if (condition (user_data))
        break;
      if (interval_ms == 0)
        g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

gboolean
xa_test_ui_file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

gboolean
xa_test_ui_spin_until (XaTestUiCondition condition,
                       gpointer          user_data,
                       guint             seconds)
{
  return wait_until (condition, user_data, 0, seconds);
}

gboolean
xa_test_ui_poll_until (XaTestUiCondition condition,
                       gpointer          user_data,
                       guint             interval_ms,
                       guint             seconds)
{
  g_assert_cmpuint (interval_ms, >, 0);
  return wait_until (condition, user_data, interval_ms, seconds);
}

static GdkTexture *
render_now (GtkWidget *widget,
            gboolean   must_draw)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* Through the widget's own paintable and renderer: the picture the window would show,
   * taken in-process, with no screen grab from the X server. */
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (must_draw)
    g_assert_nonnull (node);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

GdkTexture *
xa_test_ui_render (GtkWidget *widget)
{
  g_assert (GTK_IS_WIDGET (widget));

  xa_test_ui_wait_frames (widget, 3);
  return render_now (widget, TRUE);
}

GdkTexture *
xa_test_ui_try_render (GtkWidget *widget)
{
  g_assert (GTK_IS_WIDGET (widget));

  return render_now (widget, FALSE);
}

void
xa_test_ui_save_texture (GdkTexture *texture,
                         const char *file_name)
{
  g_autofree char *file = g_strconcat (file_name, ".png", NULL);
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("XA_SCREENSHOT_DIR");

  g_assert (GDK_IS_TEXTURE (texture));

  if (dir == NULL || *dir == '\0')
    dir = xa_test_tmpdir ();
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
xa_test_ui_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkTexture) texture = xa_test_ui_render (widget);
  /* One set of pictures per language: the zh_CN run must not overwrite the English one. */
  g_autofree char *file = g_strdup_printf ("%s-%s", name, xa_test_ui_language_tag ());

  xa_test_ui_save_texture (texture, file);
}

void
xa_test_ui_texture_pixel (GdkTexture *texture,
                          int         x,
                          int         y,
                          guint8      rgba[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  const guint8 *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: premultiplied native-endian words, so B, G, R, A
   * in memory on the little-endian machines the tests run on. */
  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;
  rgba[0] = p[2];
  rgba[1] = p[1];
  rgba[2] = p[0];
  rgba[3] = p[3];
}

void
xa_test_ui_texture_color (GdkTexture *texture,
                          int         x,
                          int         y,
                          GdkRGBA    *out)
{
  guint8 rgba[4];

  xa_test_ui_texture_pixel (texture, x, y, rgba);
  *out = (GdkRGBA) { rgba[0] / 255.f, rgba[1] / 255.f, rgba[2] / 255.f, rgba[3] / 255.f };
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text,
            gboolean    substring)
{
  g_assert (GTK_IS_WIDGET (widget));
  g_assert (text != NULL);

  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (substring ? strstr (label, text) != NULL : g_str_equal (label, text))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, substring);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
xa_test_ui_find_label (GtkWidget  *widget,
                       const char *text)
{
  return find_label (widget, text, FALSE);
}

GtkWidget *
xa_test_ui_find_label_containing (GtkWidget  *widget,
                                  const char *text)
{
  return find_label (widget, text, TRUE);
}

GtkColumnViewColumn *
xa_test_ui_find_column (GtkColumnView *view,
                        const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("No column is titled “%s”", title);
}

GtkWidget *
xa_test_ui_find_widget (GtkWidget *widget,
                        GType      type)
{
  g_assert (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = xa_test_ui_find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GBytes *
xa_test_ui_png_tile (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}
