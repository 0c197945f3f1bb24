/* xa-application.c — see xa-application.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "xa-application.h"
#include "xa-command-line.h"
#include "xa-meeting-pack-actions.h"
#include "xa-meeting-pack.h"
#include "xa-message-dialogs.h"
#include "xa-overlay.h"
#include "xa-resources.h"
#include "xa-store.h"
#include "xa-window.h"

struct _XaApplication
{
  AdwApplication parent_instance;

  char          *store_path;      /* --store, or NULL */
  char          *default_store_path;
  char          *server_url;
  char          *token;
  XaDemoServer  *demo_server;
  gboolean       options_handled;
};

G_DEFINE_FINAL_TYPE (XaApplication, xa_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "sync-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync once from the records server into the store and exit, without a window"), NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Address of the records server, e.g. https://records.example.gov.cn"), N_("URL") },
  { "token", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Access token for the records server (or set XIAOQU_ATLAS_TOKEN)"), N_("TOKEN") },
  { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this records file instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the bundled demo server and open the demo city"), NULL },
  { "replace-store", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --sync-only: when the records file holds another server’s records, keep it "
       "aside and sync into a new one"), NULL },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export a table (compounds, elevators or problems), the dashboard or a meeting pack "
       "(pack) of the records file and exit, without a window"), N_("TABLE") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --export: the file to write; its extension (.csv, .xlsx, .pdf; .pdf or .png for "
       "the dashboard) chooses the format"),
    N_("FILE") },
  { "district", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export: only the records of the district with this code"), N_("CODE") },
  { "agenda", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export pack: the agenda to write to a meeting pack (a .xqpack file)"),
    N_("ID") },
  { NULL }
};

XaApplication *
xa_application_new (void)
{
  return g_object_new (XA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/xiaoquatlas/XiaoquAtlas",
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

const char *
xa_application_get_store_path (XaApplication *self)
{
  g_return_val_if_fail (XA_IS_APPLICATION (self), NULL);

  if (self->store_path != NULL)
    return self->store_path;
  if (self->default_store_path == NULL)
    self->default_store_path = xa_store_default_path ();
  return self->default_store_path;
}

char *
xa_application_dup_demo_store_path (XaApplication *self)
{
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;
  char *demo_path;

  g_return_val_if_fail (XA_IS_APPLICATION (self), NULL);

  /* Never the --store file: the demo starts its store afresh whenever the demo server
   * moved to another address, and that must never cost a bureau its records. */
  default_path = xa_store_default_path ();
  dir = g_path_get_dirname (default_path);
  demo_path = g_build_filename (dir, "demo.db", NULL);
  if (self->store_path != NULL && g_strcmp0 (self->store_path, demo_path) == 0)
    {
      g_free (demo_path);
      demo_path = g_build_filename (dir, "demo-city.db", NULL);
    }
  return demo_path;
}

XaDemoServer *
xa_application_get_demo_server (XaApplication *self)
{
  g_return_val_if_fail (XA_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    {
      g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "xiaoqu-atlas",
                                                   "demo-server.db", NULL);
      self->demo_server = xa_demo_server_new (db_path);
    }
  return self->demo_server;
}

const char *
xa_application_get_server_url (XaApplication *self)
{
  g_return_val_if_fail (XA_IS_APPLICATION (self), NULL);

  return self->server_url;
}

const char *
xa_application_get_token (XaApplication *self)
{
  g_return_val_if_fail (XA_IS_APPLICATION (self), NULL);

  return self->token;
}

static XaWindow *
ensure_window (XaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (XA_IS_WINDOW (window))
    return XA_WINDOW (window);
  return xa_window_new (self, xa_application_get_store_path (self));
}

static void
xa_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (XA_APPLICATION (app))));
}

/* The window of the records file @path, or a new one. */
static XaWindow *
window_for_store (XaApplication *self,
                  const char    *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      g_autofree char *shown = NULL;

      if (!XA_IS_WINDOW (l->data))
        continue;
      g_object_get (l->data, "store-path", &shown, NULL);
      if (g_strcmp0 (shown, path) == 0)
        return XA_WINDOW (l->data);
    }
  return xa_window_new (self, path);
}

/* A meeting pack opened: where the records of its server are kept, its decisions come back
 * into them; anywhere else (the meeting room) it opens as the records to show. */
static void
xa_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  XaApplication *self = XA_APPLICATION (app);
  const char *store_path = xa_application_get_store_path (self);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autofree char *pack_server = NULL;
      g_autofree char *server = NULL;
      g_autoptr(GError) error = NULL;
      XaWindow *window;

      if (path == NULL || !xa_meeting_pack_check (path, NULL, &pack_server, &error))
        {
          window = window_for_store (self, store_path);
          gtk_window_present (GTK_WINDOW (window));
          if (error != NULL)
            {
              AdwMessageDialog *dialog = xa_message_dialog_new_error (GTK_WINDOW (window),
                                                                      _("Could Not Open the "
                                                                        "File"),
                                                                      error->message);

              gtk_window_present (GTK_WINDOW (dialog));
            }
          continue;
        }
      if (g_file_test (store_path, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(XaStore) store = xa_store_open (store_path, NULL);

          server = store != NULL ? xa_store_dup_server (store) : NULL;
        }
      if (server != NULL && g_strcmp0 (server, pack_server) == 0)
        {
          window = window_for_store (self, store_path);
          gtk_window_present (GTK_WINDOW (window));
          xa_meeting_pack_import_async (window, path, store_path);
        }
      else
        gtk_window_present (GTK_WINDOW (window_for_store (self, path)));
    }
}

static gint
xa_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  XaApplication *self = XA_APPLICATION (app);
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *store = NULL;
  gboolean sync_only = g_variant_dict_contains (options, "sync-only");
  gboolean demo = g_variant_dict_contains (options, "demo");
  gboolean replace_store = g_variant_dict_contains (options, "replace-store");
  g_autofree char *export_table = NULL;
  g_autofree char *output = NULL;
  g_autofree char *district = NULL;
  g_autofree char *agenda = NULL;

  self->options_handled = TRUE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("xiaoqu-atlas %s\n", PACKAGE_VERSION);
      return XA_EXIT_OK;
    }

  g_variant_dict_lookup (options, "server", "s", &server);
  g_variant_dict_lookup (options, "token", "s", &token);
  g_variant_dict_lookup (options, "store", "^ay", &store);
  if (token == NULL && g_getenv ("XIAOQU_ATLAS_TOKEN") != NULL)
    token = g_strdup (g_getenv ("XIAOQU_ATLAS_TOKEN"));

  if (store != NULL)
    {
      if (*store == '\0')
        {
          g_printerr (_("xiaoqu-atlas: --store needs a file name: give the records file to "
                        "use.\n"));
          return XA_EXIT_USAGE;
        }
      self->store_path = g_canonicalize_filename (store, NULL);
    }

  if (replace_store && !sync_only)
    {
      g_printerr (_("xiaoqu-atlas: --replace-store goes with --sync-only; in the window, "
                    "syncing from another server asks first.\n"));
      return XA_EXIT_USAGE;
    }

  g_variant_dict_lookup (options, "export", "s", &export_table);
  g_variant_dict_lookup (options, "output", "^ay", &output);
  g_variant_dict_lookup (options, "district", "s", &district);
  g_variant_dict_lookup (options, "agenda", "s", &agenda);
  if (agenda != NULL && g_strcmp0 (export_table, "pack") != 0)
    {
      g_printerr (_("xiaoqu-atlas: --agenda goes with --export pack.\n"));
      return XA_EXIT_USAGE;
    }
  if (district != NULL && g_strcmp0 (export_table, "pack") == 0)
    {
      g_printerr (_("xiaoqu-atlas: a meeting pack holds the compounds of its agenda: "
                    "--district does not go with --export pack.\n"));
      return XA_EXIT_USAGE;
    }
  if (export_table == NULL && (output != NULL || district != NULL))
    {
      g_printerr (_("xiaoqu-atlas: --output and --district go with --export TABLE.\n"));
      return XA_EXIT_USAGE;
    }
  /* Here, before GtkApplication's startup initialises GTK: a scheduled export has no
   * display, and gtk_init() would fail without one. */
  if (export_table != NULL)
    {
      if (sync_only || demo)
        {
          g_printerr (_("xiaoqu-atlas: --export cannot be combined with --sync-only or --demo: "
                        "sync first, then export in a second run.\n"));
          return XA_EXIT_USAGE;
        }
      if (output == NULL || *output == '\0')
        {
          g_printerr (_("xiaoqu-atlas: --export needs --output FILE: give the file to write, "
                        "ending in .csv, .xlsx or .pdf.\n"));
          return XA_EXIT_USAGE;
        }
      if (g_str_equal (export_table, "pack"))
        return xa_command_line_export_pack (xa_application_get_store_path (self), agenda,
                                            output);
      return xa_command_line_export (xa_application_get_store_path (self), export_table,
                                     district, output);
    }

  if (sync_only)
    {
      if (demo)
        {
          g_printerr (_("xiaoqu-atlas: --sync-only cannot be combined with --demo: "
                        "start the demo without --sync-only.\n"));
          return XA_EXIT_USAGE;
        }
      if (server == NULL || *server == '\0')
        {
          g_printerr (_("xiaoqu-atlas: --sync-only needs --server URL: "
                        "give the address of the records server.\n"));
          return XA_EXIT_USAGE;
        }
      return xa_command_line_sync_only (server, token, xa_application_get_store_path (self),
                                        replace_store);
    }

  /* The demo brings its own server and token. */
  if (!demo)
    {
      self->server_url = g_steal_pointer (&server);
      self->token = g_steal_pointer (&token);
    }

  /* These describe this run only; handing them to an instance that is already running
   * would be surprising, so such a run gets its own instance. */
  if (self->store_path != NULL || self->server_url != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  /* Without a session bus (a bare X server, a container, a remote login) there is no
   * other instance to hand this run to: open a window of our own, and say on stderr what
   * is missing instead of leaving the user to wonder. */
  if ((g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE) == 0)
    {
      g_autoptr(GError) bus_error = NULL;
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &bus_error);

      if (bus == NULL)
        {
          g_printerr (_("xiaoqu-atlas: there is no session message bus (%s); opening a window "
                        "of its own all the same. Run it in a desktop session (or under "
                        "dbus-run-session) so that starting it again brings this window "
                        "forward.\n"),
                      bus_error->message);
          g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
        }
    }

  if (demo)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("xiaoqu-atlas: %s\n", error->message);
          return XA_EXIT_SYNC_FAILED;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
    }

  return -1;
}

static gboolean
xa_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  XaApplication *self = XA_APPLICATION (app);
  gboolean handled;

  handled = G_APPLICATION_CLASS (xa_application_parent_class)->local_command_line (app, arguments,
                                                                                   exit_status);
  /* GApplication reports an unknown option with status 1; ours is 2 for bad usage, so a
   * script can tell it from a failed sync. */
  if (handled && !self->options_handled && *exit_status != 0)
    *exit_status = XA_EXIT_USAGE;
  return handled;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Closed, not just left behind: each window saves its size and the map's view when it
   * is asked to close, which g_application_quit() alone never does. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
  if (gtk_application_get_windows (app) == NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  XaApplication *self = user_data;
  static const char *developers[] = { "The Xiaoqu Atlas developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Xiaoqu Atlas"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Supervise the residential compounds of a city: flood "
                                       "readiness, e-bike charging, elevators and problems."),
                         "developer-name", _("The Xiaoqu Atlas developers"),
                         "developers", developers,
                         "website", "https://github.com/xiaoquatlas/XiaoquAtlas",
                         "issue-url", "https://github.com/xiaoquatlas/XiaoquAtlas/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && XA_IS_WINDOW (source))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the help (%s). Install the "
                                                 "Yelp help browser and try again."),
                                               error->message);
      xa_window_add_toast (XA_WINDOW (source), adw_toast_new (text));
    }
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, "help:xiaoqu-atlas", GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static void
demo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  XaWindow *window = ensure_window (XA_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "help", help_activated },
  { "demo", demo_activated },
};

static void
xa_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *sync_accels[] = { "<Control>r", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  /* Ctrl+E is the Problems page's Change Status. */
  static const char *export_accels[] = { "<Shift><Control>e", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  /* Meeting agendas: "D" for discuss. */
  static const char *agenda_accels[] = { "<Control>d", NULL };
  static const char *agenda_shown_accels[] = { "<Shift><Control>d", NULL };
  static const char *present_accels[] = { "F5", NULL };

  G_APPLICATION_CLASS (xa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", sync_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  for (guint i = 0; i < XA_N_OVERLAYS; i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.map-overlay('%s')",
                                                   xa_overlay_to_string (i));
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), detailed, accels);
    }
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.map-search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.map-toggle-sidebar",
                                         sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.add-to-agenda",
                                         agenda_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.add-shown-to-agenda",
                                         agenda_shown_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.present", present_accels);
}

static void
xa_application_shutdown (GApplication *app)
{
  XaApplication *self = XA_APPLICATION (app);

  /* The child must not outlive us; PR_SET_PDEATHSIG only covers crashes. */
  if (self->demo_server != NULL)
    xa_demo_server_stop (self->demo_server);

  G_APPLICATION_CLASS (xa_application_parent_class)->shutdown (app);
}

static void
xa_application_dispose (GObject *object)
{
  XaApplication *self = XA_APPLICATION (object);

  g_clear_object (&self->demo_server);

  G_OBJECT_CLASS (xa_application_parent_class)->dispose (object);
}

static void
xa_application_finalize (GObject *object)
{
  XaApplication *self = XA_APPLICATION (object);

  g_free (self->store_path);
  g_free (self->default_store_path);
  g_free (self->server_url);
  g_free (self->token);

  G_OBJECT_CLASS (xa_application_parent_class)->finalize (object);
}

static void
xa_application_class_init (XaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = xa_application_dispose;
  object_class->finalize = xa_application_finalize;
  app_class->activate = xa_application_activate;
  app_class->open = xa_application_open;
  app_class->startup = xa_application_startup;
  app_class->shutdown = xa_application_shutdown;
  app_class->handle_local_options = xa_application_handle_local_options;
  app_class->local_command_line = xa_application_local_command_line;

  /* The resources live in a static library; referencing them keeps the linker from
   * dropping the object whose constructor registers them. */
  (void) xa_get_resource ();
}

static void
xa_application_init (XaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map and supervise the residential compounds "
                                              "of a city."));
}

/* GTK renders with OpenGL by default. Without a GPU (no DRM render node: virtual machines,
 * remote desktops, the thin clients many bureaus use) that GL is Mesa's software
 * rasteriser, and GTK's cairo renderer then draws the map as fast while starting quicker
 * and using about 100 MiB less memory (measured with tests/bench-map and
 * tests/bench-startup). GSK_RENDERER set by the user always wins. */
static void
choose_renderer (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

/* What a process does before it runs XaApplication, before GTK starts. */
static void
init_process (void)
{
  choose_renderer ();

  /* Before option parsing: --sync-only prints translated messages without ever
   * initialising GTK. */
  setlocale (LC_ALL, "");
  /* XA_LOCALEDIR: set by `meson devenv` so an uninstalled build finds its translations. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("XA_LOCALEDIR") != NULL ? g_getenv ("XA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
xa_application_main (int     argc,
                     char  **argv,
                     void  (*prepare) (XaApplication *app))
{
  g_autoptr(XaApplication) app = NULL;

  init_process ();
  app = xa_application_new ();
  if (prepare != NULL)
    prepare (app);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
