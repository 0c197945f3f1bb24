/* main.c — readies the process and runs XaApplication; everything else is in the
 * application library so the tests can use it. */
#include "config.h"

#include "xa-application.h"

int
main (int   argc,
      char *argv[])
{
  return xa_application_main (argc, argv, NULL);
}
