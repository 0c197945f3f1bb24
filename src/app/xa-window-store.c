/* xa-window-store.c — the window's records file when something is wrong with the file
 * itself rather than with a sync: a file damaged on disk is moved aside (never deleted) and
 * a page says so and offers a sync into a new file; a file that holds another server's
 * records is replaced only when the user says so, in a dialog that names the file the old
 * records are kept in. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-window-private.h"

/* Every connection of the window to its store closes before the file moves. */
static void
close_store (XaWindow *self)
{
  xa_map_view_clear (self->map_view);
  g_clear_object (&self->store);
}

static void
show_damage (XaWindow     *self,
             const GError *error)
{
  g_autofree char *aside = xa_store_aside_path (self->store_path, "damaged");
  g_autoptr(GError) move_error = NULL;
  g_autofree char *text = NULL;

  close_store (self);
  g_clear_pointer (&self->damaged_aside_path, g_free);
  if (xa_store_move_aside (self->store_path, aside, &move_error))
    {
      /* Translators: the first %s is the records file, the second the name it was moved to. */
      text = g_strdup_printf (_("The records file %s is damaged, so its records cannot be "
                                "read. It was moved to %s and kept there; nothing was "
                                "deleted. Sync again to download every record into a new "
                                "file."),
                              self->store_path, aside);
      self->damaged_aside_path = g_steal_pointer (&aside);
    }
  else
    /* Translators: %s is the records file. */
    text = g_strdup_printf (_("The records file %s is damaged, so its records cannot be read, "
                              "and it could not be moved aside. Move it to another folder, "
                              "then sync again to download every record into a new file."),
                            self->store_path);
  adw_status_page_set_description (self->damaged_page, text);
  gtk_label_set_label (self->damaged_detail_label,
                       move_error != NULL ? move_error->message : error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  self->showing_damage = TRUE;
  _xa_window_show_page (self, "damaged");
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     XaWindow         *self)
{
  g_autofree char *aside = g_strdup (g_object_get_data (G_OBJECT (dialog), "aside-path"));
  g_autoptr(GError) error = g_error_copy (g_object_get_data (G_OBJECT (dialog), "error"));

  self->replace_dialog = NULL;
  if (g_strcmp0 (response, "replace") != 0)
    {
      _xa_window_show_error_strip (self, error);
      return;
    }
  close_store (self);
  g_free (self->replace_aside_path);
  self->replace_aside_path = g_steal_pointer (&aside);
  _xa_window_start_sync (self);
}

static void
ask_to_replace (XaWindow     *self,
                const GError *error)
{
  g_autofree char *owner = self->store != NULL ? xa_store_dup_server (self->store) : NULL;
  g_autofree char *aside = xa_store_aside_path (self->store_path, "bak");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the records file, the server its records came from, the server chosen
   * now, the name the file is kept under, and the server chosen now again. */
  body = g_strdup_printf (_("The records file %s holds the records of the server at %s. To "
                            "sync from %s instead, that file is kept as %s, with nothing "
                            "deleted, and a new records file is filled from %s."),
                          self->store_path, owner != NULL ? owner : "?", self->server_url,
                          aside, self->server_url);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Records on This Computer?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "aside-path", g_steal_pointer (&aside), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "error", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  self->replace_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_xa_window_handle_store_error (XaWindow     *self,
                               const GError *error)
{
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    {
      show_damage (self, error);
      return TRUE;
    }
  /* The demo's own store is started afresh by the demo (xa-window-demo.c); only a bureau's
   * records need asking about. */
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER) && !self->is_demo)
    {
      ask_to_replace (self, error);
      return TRUE;
    }
  return FALSE;
}
