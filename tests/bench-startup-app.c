/* bench-startup-app.c — the app as bench-startup times it: src/app/main.c's start-up of
 * XaApplication, plus a watch on its window that prints "first-frame" on stdout once a
 * frame with the records on it has been painted, and quits. The watch lives here so that
 * the app itself carries no benchmark code. */
#include "config.h"

#include "xa-application.h"
#include "xa-window-private.h"

/* Frames ticked since the window first showed its records (the map or the figures view;
 * the other pages stand alone). A tick comes before its frame is painted, so the first
 * frame that shows the records has been painted when the second tick comes. */
static guint records_ticks;

static gboolean
records_shown (XaWindow *window)
{
  const char *page = _xa_window_get_page (window);

  return g_strcmp0 (page, "map") == 0 || g_strcmp0 (page, "summary") == 0;
}

static gboolean
first_frame_tick (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  GApplication *app = user_data;

  if (records_ticks == 0 && !records_shown (XA_WINDOW (widget)))
    return G_SOURCE_CONTINUE;
  if (++records_ticks < 2)
    return G_SOURCE_CONTINUE;
  g_print ("first-frame\n");
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (!XA_IS_WINDOW (window))
    return;
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), first_frame_tick, app, NULL);
}

static void
watch_first_frame (XaApplication *app)
{
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* As src/app/main.c starts the app. */
  return xa_application_main (argc, argv, watch_first_frame);
}
