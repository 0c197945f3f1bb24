/* xa-test-window.c — see xa-test-window.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

void
xa_test_window_init (int    *argc,
                     char ***argv)
{
  xa_test_init (argc, argv);
  xa_test_ui_init_locale (NULL);
}

XaApplication *
xa_test_window_app_register (void)
{
  g_autoptr(GError) error = NULL;
  XaApplication *app = xa_application_new ();

  /* Kept: the application opens files (meeting packs). */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return app;
}

XaApplication *
xa_test_window_app_new (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "basemap", "none");
  return xa_test_window_app_register ();
}

XaApplication *
xa_test_window_init_with_keyring (int             *argc,
                                  char          ***argv,
                                  XaTestKeyring  **keyring)
{
  xa_test_window_init (argc, argv);
  *keyring = xa_test_keyring_start (TRUE);
  return xa_test_window_app_new ();
}

int
xa_test_window_run (XaApplication **app)
{
  int ret = g_test_run ();

  g_application_quit (G_APPLICATION (*app));
  g_clear_object (app);
  return ret;
}

int
xa_test_window_main (int             *argc,
                     char          ***argv,
                     XaApplication  **app,
                     const char      *path,
                     GTestFunc        func)
{
  xa_test_window_init (argc, argv);
  *app = xa_test_window_app_new ();
  g_test_add_func (path, func);
  return xa_test_window_run (app);
}

XaWindow *
xa_test_window_open (XaApplication *app,
                     const char    *store_path)
{
  XaWindow *window = xa_window_new (app, store_path);

  gtk_window_present (GTK_WINDOW (window));
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  return window;
}

void
xa_test_window_close (XaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
xa_test_window_close_all (XaWindow     *window,
                          XaStore      *store,
                          XaTestServer *server,
                          char         *store_path)
{
  xa_test_window_close (window);
  g_clear_object (&store);
  xa_test_server_free (server);
  g_free (store_path);
}

typedef struct
{
  XaWindow   *window;
  const char *page;
} PageWait;

static gboolean
shows_page (gpointer user_data)
{
  PageWait *wait = user_data;

  return !_xa_window_is_syncing (wait->window)
         && (wait->page == NULL || g_strcmp0 (_xa_window_get_page (wait->window), wait->page) == 0);
}

void
xa_test_window_wait_page (XaWindow   *window,
                          const char *page,
                          guint       seconds)
{
  PageWait wait = { window, page };

  xa_test_ui_spin_until (shows_page, &wait, seconds);
  g_assert_false (_xa_window_is_syncing (window));
  g_assert_cmpstr (_xa_window_get_page (window), ==, page);
}

void
xa_test_window_wait_idle (XaWindow *window,
                          guint     seconds)
{
  PageWait wait = { window, NULL };

  xa_test_ui_spin_until (shows_page, &wait, seconds);
  g_assert_false (_xa_window_is_syncing (window));
}

GtkWindow *
xa_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   user_data);

static GtkWidget *
find_widget (GtkWidget   *widget,
             WidgetMatch  match,
             gpointer     user_data)
{
  if (match (widget, user_data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, user_data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *label;
  const char *action_name;
} ButtonQuery;

static gboolean
is_button (GtkWidget *widget,
           gpointer   user_data)
{
  ButtonQuery *query = user_data;

  /* Message dialogs keep a second, hidden set of response buttons for narrow sizes. */
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && (query->label == NULL
             || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), query->label) == 0)
         && (query->action_name == NULL
             || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                           query->action_name) == 0);
}

GtkWidget *
xa_test_find_button (GtkWidget  *root,
                     const char *label,
                     const char *action_name)
{
  ButtonQuery query = { label, action_name };

  return find_widget (root, is_button, &query);
}

static void
clicked_cb (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

void
xa_test_click (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong id;

  g_assert_true (GTK_IS_BUTTON (button));
  /* A dialog's button goes with the dialog its click closes. */
  g_object_ref (button);
  id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);
  g_assert_true (gtk_widget_activate (button));
  xa_test_ui_spin_until (is_true, &clicked, 5);
  g_signal_handler_disconnect (button, id);
  g_object_unref (button);
  g_assert_true (clicked);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   user_data)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                       user_data) == 0;
}

GtkWidget *
xa_test_find_row (GtkWidget  *root,
                  const char *title)
{
  return find_widget (root, is_row_titled, (gpointer) title);
}

static gboolean
is_value_label (GtkWidget *widget,
                gpointer   user_data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "xa-value");
}

const char *
xa_test_row_value (GtkWidget  *root,
                   const char *title)
{
  GtkWidget *row = xa_test_find_row (root, title);
  GtkWidget *value;

  g_assert_nonnull (row);
  value = find_widget (row, is_value_label, NULL);
  g_assert_nonnull (value);
  return gtk_label_get_text (GTK_LABEL (value));
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the primary menu's item of win.unsent-edits. */
static char *
unsent_edits_item (XaWindow *window)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (window));
  GMenuModel *menu;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i,
                                                                  G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          char *label = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s",
                                               &action) &&
              g_str_equal (action, "win.unsent-edits") &&
              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s",
                                               &label))
            return label;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

void
xa_test_window_assert_unsent_edits (XaWindow *window,
                                    guint     count)
{
  g_autofree char *label = unsent_edits_item (window);
  g_autofree char *want = count > 0
    ? g_strdup_printf (ngettext ("_Unsent Edits (%u)…", "_Unsent Edits (%u)…", count), count)
    : g_strdup (_("_Unsent Edits…"));

  g_assert_cmpstr (label, ==, want);
}

GtkWidget *
xa_test_find_legend_band (GtkWidget *root,
                          guint      band)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "xa-legend-band")
          && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "band")) == band)
        return child;
      if ((found = xa_test_find_legend_band (child, band)) != NULL)
        return found;
    }
  return NULL;
}
