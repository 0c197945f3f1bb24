/* xa-test-window.h — what the tests that drive a real XaWindow (and the other tests that
 * need the registered application) share: the start and end of main(), opening and closing
 * the window, waiting for a sync to end and a page to show, finding a dialog among the
 * toplevels, and finding the buttons, entry rows and value rows a user would click or read. */
#pragma once

#include "xa-application.h"
#include "xa-store.h"
#include "xa-test-util.h"
#include "xa-test-keyring.h"
#include "xa-window-private.h"

G_BEGIN_DECLS

/* xa_test_init() and the translations built in this tree, not the installed ones
 * (xa_test_ui_init_locale()): the start of every window test's main(). */
void           xa_test_window_init      (int    *argc,
                                         char ***argv);
/* The application the window tests open windows of: no basemap tiles (tests never touch
 * the network), registered non-unique, animations off so screenshots show where a
 * transition ends. Call after starting a test keyring: the application keeps the session
 * bus it finds. */
XaApplication *xa_test_window_app_new   (void);
/* xa_test_window_init(), then a test keyring with a Secret Service in *@keyring (started
 * first: the application keeps the session bus it finds), then the application of
 * xa_test_window_app_new(): the start of main() for the window tests that save tokens. */
XaApplication *xa_test_window_init_with_keyring (int             *argc,
                                                 char          ***argv,
                                                 XaTestKeyring  **keyring);
/* The same with the basemap setting left as it is: for the tests of the map's tiles and of
 * the widgets that only need the app's resources and style. */
XaApplication *xa_test_window_app_register (void);
/* Runs the tests added so far, then quits @app and drops it (*@app becomes NULL): the end
 * of every window test's main(). Returns what g_test_run() returned. */
int        xa_test_window_run           (XaApplication **app);
/* The whole main() of a window test with one test: xa_test_window_init(), the application
 * of xa_test_window_app_new() in *@app (a global the test reads), @func added as @path,
 * and xa_test_window_run(). Returns what g_test_run() returned. */
int        xa_test_window_main          (int             *argc,
                                         char          ***argv,
                                         XaApplication  **app,
                                         const char      *path,
                                         GTestFunc        func);
/* A new window of @app on @store_path, presented and painted. */
XaWindow  *xa_test_window_open          (XaApplication *app,
                                         const char    *store_path);
/* Destroys it and lets the main loop finish with it. */
void       xa_test_window_close         (XaWindow      *window);
/* The end of a test that drove @window on the city of a server of its own: closes the
 * window first (it may still be talking to the server), then drops the test's own
 * connection @store to the window's store, stops @server and frees @store_path. Any but
 * @window may be NULL. */
void       xa_test_window_close_all     (XaWindow      *window,
                                         XaStore       *store,
                                         XaTestServer  *server,
                                         char          *store_path);
/* Iterates until @window is not syncing and shows @page ("map", "summary", "welcome"…);
 * asserts it does within @seconds. */
void       xa_test_window_wait_page     (XaWindow      *window,
                                         const char    *page,
                                         guint          seconds);
/* Iterates until @window is not syncing; asserts it stops within @seconds. */
void       xa_test_window_wait_idle     (XaWindow      *window,
                                         guint          seconds);

/* The visible toplevel of @type (a dialog, say), or NULL. */
GtkWindow *xa_test_find_toplevel        (GType          type);

/* The first mapped GtkButton under @root whose label is @label (as set, with its
 * underline; NULL: any) and whose action is @action_name (NULL: any), or NULL. */
GtkWidget *xa_test_find_button          (GtkWidget     *root,
                                         const char    *label,
                                         const char    *action_name);
/* Activates @button as the keyboard does (it is drawn pressed for a moment first) and
 * iterates until it has emitted "clicked"; asserts it does. */
void       xa_test_click                (GtkWidget     *button);
/* The map legend's button of @band (of the overlay shown) under @root, or NULL. */
GtkWidget *xa_test_find_legend_band     (GtkWidget     *root,
                                         guint          band);
/* The first AdwPreferencesRow (action rows, entry rows) under @root titled @title, or NULL. */
GtkWidget *xa_test_find_row             (GtkWidget     *root,
                                         const char    *title);
/* The text of the first label with the CSS class "xa-value" inside the row titled @title
 * under @root; asserts there is one. */
const char *xa_test_row_value           (GtkWidget     *root,
                                         const char    *title);

/* Asserts the primary menu's "Unsent Edits…" item names @count edits (none: no number). */
void        xa_test_window_assert_unsent_edits (XaWindow *window,
                                                guint     count);

G_END_DECLS
