/* main.c — sets up translations and runs XaApplication; everything else is in the
 * application library so the tests can use it. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "xa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(XaApplication) app = NULL;

  xa_application_choose_renderer ();

  /* Before option parsing: --sync-only prints translated messages without ever
   * initialising GTK. */
  setlocale (LC_ALL, "");
  /* XA_LOCALEDIR: set by `meson devenv` so an uninstalled build finds its translations. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("XA_LOCALEDIR") != NULL ? g_getenv ("XA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = xa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
