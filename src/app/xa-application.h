/* xa-application.h — the application: command-line options (including the display-less
 * --sync-only), app-wide actions and shortcuts, and the demo server's lifetime. */
#pragma once

#include <adwaita.h>

#include "xa-demo-server.h"

G_BEGIN_DECLS

#define XA_TYPE_APPLICATION (xa_application_get_type ())
G_DECLARE_FINAL_TYPE (XaApplication, xa_application, XA, APPLICATION, AdwApplication)

XaApplication *xa_application_new                (void);

/* The records file windows open: --store FILE, else xa_store_default_path(). */
const char    *xa_application_get_store_path     (XaApplication *self);
/* The records file the demo city is synced into: the demo's own demo.db in the user's
 * data folder, never the --store file nor the default store, so demo records never mix
 * with (or replace) a real server's. */
char          *xa_application_dup_demo_store_path (XaApplication *self);
/* The demo server child (created on first use; stopped when the application quits). */
XaDemoServer  *xa_application_get_demo_server    (XaApplication *self);
/* --server / --token from the command line (or $XIAOQU_ATLAS_TOKEN), or NULL. */
const char    *xa_application_get_server_url     (XaApplication *self);
const char    *xa_application_get_token          (XaApplication *self);

/* The whole of the app's main(): readies the process before GTK starts (GTK's cairo renderer
 * on a machine without a GPU, where GL would be software-rendered, unless the user set
 * GSK_RENDERER; the translations bound), then a new XaApplication, handed to @prepare (may
 * be NULL) before it runs with @argc and @argv. Returns its exit status.
 * A program that watches the app (a benchmark's) starts it the same way through @prepare. */
int  xa_application_main         (int     argc,
                                  char  **argv,
                                  void  (*prepare) (XaApplication *app));

G_END_DECLS
