/* xa-presentation-actions.c — see xa-presentation-actions.h. The presentation itself
 * (fullscreen, the agenda's cards, decisions) is XaPresentation; this is how the window's
 * keys, menus and toasts reach it. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-message-dialogs.h"
#include "xa-presentation-actions.h"
#include "xa-presentation.h"

static void
present (XaWindow *self,
         gint64    agenda_id)
{
  XaPresentation *presentation = xa_window_get_presentation (self);
  g_autoptr(GError) error = NULL;

  if (xa_presentation_start (presentation, agenda_id, &error))
    return;
  /* An agenda deleted since it was chosen: the city at least, and a word why. */
  g_debug ("Agenda %" G_GINT64_FORMAT " not presented: %s", agenda_id, error->message);
  g_clear_error (&error);
  if (agenda_id != 0 && xa_presentation_start (presentation, 0, &error))
    {
      xa_window_add_toast (self, adw_toast_new (_("The agenda could not be opened: showing the "
                                                  "whole city.")));
      return;
    }
  if (error != NULL)
    xa_window_add_toast (self, adw_toast_new (error->message));
}

/* F5: the agenda of "current-agenda", or the overview; F5 again leaves. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  XaPresentation *presentation = xa_window_get_presentation (self);
  g_autoptr(GSettings) settings = NULL;

  if (xa_presentation_is_active (presentation))
    {
      xa_presentation_stop (presentation);
      return;
    }
  settings = g_settings_new (APP_ID);
  present (self, g_settings_get_int64 (settings, "current-agenda"));
}

static void
present_agenda_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int64 (settings, "current-agenda", id);
  present (self, id);
}

static void save_minutes_to (XaWindow *self, GFile *file);

static void
minutes_chooser_cb (GtkNativeDialog *chooser,
                    int              response,
                    XaWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    save_minutes_to (self, file);
}

static void
choose_minutes_file (XaWindow *self)
{
  XaAgenda *agenda = xa_presentation_get_agenda (xa_window_get_presentation (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Minutes"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name offered for the minutes; %s is the agenda's name. */
  name = g_strdup_printf (_("Minutes %s.pdf"), agenda != NULL ? xa_agenda_get_name (agenda) : "");
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (minutes_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
minutes_error_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  XaWindow         *self)
{
  if (g_strcmp0 (response, "elsewhere") == 0)
    choose_minutes_file (self);
}

/* The minutes written through a temporary file renamed over @file; a toast with "Open", or
 * an error that offers another place. */
static void
save_minutes_to (XaWindow *self,
                 GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path != NULL &&
      xa_presentation_save_minutes (xa_window_get_presentation (self), path, &error))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *base = g_file_get_basename (file);
      /* Translators: a toast; %s is a file name. */
      g_autofree char *text = g_strdup_printf (_("Minutes saved to %s"), base);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-export");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      xa_window_add_toast (self, toast);
      return;
    }
  else
    {
      AdwMessageDialog *dialog;

      dialog = xa_message_dialog_new_error (GTK_WINDOW (self), _("Could Not Save the Minutes"),
                                            error != NULL ? error->message
                                                          : _("Choose a folder on this "
                                                              "computer."));
      adw_message_dialog_add_response (dialog, "elsewhere", _("Save _Elsewhere…"));
      g_signal_connect (dialog, "response", G_CALLBACK (minutes_error_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* win.save-minutes: the file chooser; win.save-minutes-to (s): straight to that path. */
static void
save_minutes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  if (xa_presentation_get_agenda (xa_window_get_presentation (self)) == NULL)
    {
      xa_window_add_toast (self, adw_toast_new (_("Present an agenda with F5 first: the minutes "
                                                  "are of its meeting.")));
      return;
    }
  choose_minutes_file (self);
}

static void
save_minutes_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  save_minutes_to (XA_WINDOW (widget), file);
}

/* Leaving a meeting that decided something: its minutes are one click away. */
static void
presentation_stopped_cb (XaPresentation *presentation,
                         guint           n_decisions,
                         XaWindow       *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (n_decisions == 0)
    return;
  /* Translators: a toast after a meeting. */
  text = g_strdup_printf (ngettext ("%u decision taken: pushed at the next sync",
                                    "%u decisions taken: pushed at the next sync", n_decisions),
                          n_decisions);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Save _Minutes…"));
  adw_toast_set_action_name (toast, "win.save-minutes");
  adw_toast_set_timeout (toast, 0);
  xa_window_add_toast (self, toast);
}

void
xa_presentation_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-agenda", "x",
                                   present_agenda_action);
  gtk_widget_class_install_action (widget_class, "win.save-minutes", NULL, save_minutes_action);
  gtk_widget_class_install_action (widget_class, "win.save-minutes-to", "s",
                                   save_minutes_to_action);
}

void
xa_presentation_actions_follow (XaWindow *window)
{
  g_return_if_fail (XA_IS_WINDOW (window));

  g_signal_connect_object (xa_window_get_presentation (window), "stopped",
                           G_CALLBACK (presentation_stopped_cb), window, 0);
}
