/* main.c — readies the process and runs XaApplication; everything else is in the
 * application library so the tests can use it. */
#include "config.h"

#include "xa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(XaApplication) app = NULL;

  xa_application_init_process ();
  app = xa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
