/* xa-test-ui.h — shared helpers for the test programs that open real windows (the 'ui'
 * suite and bench-map): waiting for painted frames, running the main loop for a while or
 * until something holds, rendering a widget to a texture, screenshots named after the
 * language, reading pixels back, finding labels. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "zh_CN" when the LC_MESSAGES locale is Chinese, "en" otherwise: the suffix of the
 * screenshots, and a way for a test to know which strings it should see. */
const char *xa_test_ui_language_tag     (void);

/* setlocale (LC_ALL, "") and the app's text domain bound to @localedir (NULL: the
 * catalogues built in this tree). When $XA_TEST_LOCALE names a locale (the "-zh_CN" runs
 * set it), makes sure it took effect: the locale exists, LC_MESSAGES is it, and the app's
 * catalogue for its language is loaded and translates a known string. Otherwise the whole
 * program bails out saying why, rather than passing in English. */
void        xa_test_ui_init_locale      (const char *localedir);

/* A new toplevel window of @width × @height holding @child, presented (not yet mapped:
 * wait for that with xa_test_ui_wait_frames()). */
GtkWindow  *xa_test_ui_present          (GtkWidget *child,
                                         int        width,
                                         int        height);

/* Iterates the main loop until @widget is mapped, then until its frame clock has painted
 * @n more frames (queueing a redraw each time round, so idle widgets paint too). */
void        xa_test_ui_wait_frames      (GtkWidget *widget,
                                         guint      n);

/* Iterates the main loop for @ms milliseconds. */
void        xa_test_ui_spin             (guint      ms);

typedef gboolean (*XaTestUiCondition) (gpointer user_data);

/* Iterates the main loop until @condition (@user_data) returns TRUE or @seconds have
 * passed. Returns FALSE when the time ran out; most callers assert the condition itself
 * afterwards, so the failure names what was awaited. */
gboolean    xa_test_ui_spin_until       (XaTestUiCondition condition,
                                         gpointer          user_data,
                                         guint             seconds);
/* Spins @interval_ms, then asks @condition (@user_data), until it returns TRUE or
 * @seconds have passed: for a condition nothing in the main loop announces, such as
 * what a render shows. Returns FALSE when the time ran out. */
gboolean    xa_test_ui_poll_until       (XaTestUiCondition condition,
                                         gpointer          user_data,
                                         guint             interval_ms,
                                         guint             seconds);
/* A condition for the two above: a regular file is at the path @path. */
gboolean    xa_test_ui_file_exists      (gpointer          path);

/* Waits for three painted frames, then renders @widget at its size with its native's
 * renderer; asserts that it draws something. */
GdkTexture *xa_test_ui_render           (GtkWidget *widget);
/* Renders @widget as it is now, without waiting for frames: NULL when it draws nothing
 * yet, for callers that poll until the picture is right. */
GdkTexture *xa_test_ui_try_render       (GtkWidget *widget);

/* A 256 × 256 map tile of one colour @rgba (0xRRGGBBAA), as PNG bytes. */
GBytes     *xa_test_ui_png_tile         (guint32    rgba);

/* Saves @texture as "<file_name>.png" in $XA_SCREENSHOT_DIR (or the test's tmp dir when
 * that is unset or empty) and names the path in the test log. */
void        xa_test_ui_save_texture     (GdkTexture *texture,
                                         const char *file_name);
/* Renders @widget (xa_test_ui_render()) and saves it as "<name>-<language tag>.png". */
void        xa_test_ui_save_screenshot  (GtkWidget  *widget,
                                         const char *name);

/* The pixel at @x, @y of @texture (asserted to be inside it) as 8-bit R, G, B, A, as
 * stored: premultiplied, which changes nothing for the opaque pixels tests look at. */
void        xa_test_ui_texture_pixel    (GdkTexture *texture,
                                         int         x,
                                         int         y,
                                         guint8      rgba[4]);
/* The same pixel as a GdkRGBA (each channel / 255). */
void        xa_test_ui_texture_color    (GdkTexture *texture,
                                         int         x,
                                         int         y,
                                         GdkRGBA    *out);

/* The first drawable GtkLabel under @widget (depth first, @widget included) whose text is
 * @text, or NULL. Hidden pages and rows do not count: the user could not read them. */
GtkWidget  *xa_test_ui_find_label       (GtkWidget  *widget,
                                         const char *text);
/* The same, for a label whose text contains @text. */
GtkWidget  *xa_test_ui_find_label_containing (GtkWidget  *widget,
                                              const char *text);
/* The first widget of @type under @widget (depth first, @widget excluded), or NULL. */
GtkWidget  *xa_test_ui_find_widget      (GtkWidget  *widget,
                                         GType       type);

/* The column of @view titled @title; asserts there is one. */
GtkColumnViewColumn *xa_test_ui_find_column (GtkColumnView *view,
                                             const char    *title);

G_END_DECLS
