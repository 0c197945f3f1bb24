/* xa-elevator-renewal.c — see xa-elevator-renewal.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-elevator-renewal.h"
#include "xa-renewal-dialog.h"
#include "xa-store-batch.h"
#include "xa-window.h"

struct _XaElevatorRenewal
{
  GObject    parent_instance;

  GtkWidget *page;      /* weak: it owns this object */
  XaStore   *store;
  /* The last change while its toast is up: the entries it queued, and the toast. */
  GPtrArray *undo;
  AdwToast  *toast;     /* weak: the overlay owns it */
};

G_DEFINE_FINAL_TYPE (XaElevatorRenewal, xa_elevator_renewal, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_toast (XaElevatorRenewal *self,
            AdwToast          *toast)
{
  GtkRoot *root = gtk_widget_get_root (self->page);

  if (XA_IS_WINDOW (root))
    xa_window_add_toast (XA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* A failure stays until dismissed, as the window's other failures do. */
static void
show_failure (XaElevatorRenewal *self,
              const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show_toast (self, toast);
}

/* The toast went (its time ran out, Undo, another toast): nothing to undo any more. */
static void
toast_dismissed_cb (XaElevatorRenewal *self,
                    AdwToast          *toast)
{
  if (toast != self->toast)
    return;
  self->toast = NULL;
  g_clear_pointer (&self->undo, g_ptr_array_unref);
}

static void
forget (XaElevatorRenewal *self)
{
  AdwToast *toast = self->toast;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  self->toast = NULL;
  if (toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }
}

static void
emit_changed (XaElevatorRenewal *self,
              GPtrArray         *entries)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, ((XaOutboxEntry *) entries->pdata[i])->record_id);
  ids = g_strv_builder_end (builder);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, ids);
}

static void
dialog_response_cb (XaRenewalDialog   *dialog,
                    const char        *response,
                    XaElevatorRenewal *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  const char * const *ids;
  XaElevatorEdit edit;
  AdwToast *toast;
  guint n_ids = 0;

  if (!g_str_equal (response, "change") || self->store == NULL)
    return;
  /* The dialog offers "Change" only for an acceptable edit; judged again all the same. */
  if (!xa_renewal_dialog_get_edit (dialog, &edit, &error))
    return;
  ids = xa_renewal_dialog_get_ids (dialog, &n_ids);
  entries = xa_store_edit_elevators (self->store, ids, n_ids, &edit, &error);
  if (entries == NULL)
    {
      text = g_strdup_printf (_("No elevator was changed and nothing was queued for the server "
                                "(%s)."), error->message);
      show_failure (self, text);
      return;
    }

  forget (self);
  emit_changed (self, entries);
  self->undo = g_steal_pointer (&entries);
  /* Translators: the toast after a renewal change; %u is how many lifts changed. */
  text = g_strdup_printf (ngettext ("Changed %u elevator", "Changed %u elevators", n_ids),
                          n_ids);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  self->toast = toast;
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (xa_elevator_renewal_undo),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

void
xa_elevator_renewal_ask (XaElevatorRenewal *self,
                         GPtrArray         *rows)
{
  GtkRoot *root;
  XaRenewalDialog *dialog;

  g_return_if_fail (XA_IS_ELEVATOR_RENEWAL (self));
  g_return_if_fail (rows != NULL);

  if (rows->len == 0 || self->store == NULL)
    return;
  root = gtk_widget_get_root (self->page);
  dialog = xa_renewal_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, rows);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
xa_elevator_renewal_can_undo (XaElevatorRenewal *self)
{
  g_return_val_if_fail (XA_IS_ELEVATOR_RENEWAL (self), FALSE);

  return self->undo != NULL && self->store != NULL;
}

void
xa_elevator_renewal_undo (XaElevatorRenewal *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint queued = 0;

  g_return_if_fail (XA_IS_ELEVATOR_RENEWAL (self));

  if (!xa_elevator_renewal_can_undo (self))
    return;
  entries = g_ptr_array_ref (self->undo);
  forget (self);
  if (!xa_store_undo_edits (self->store, entries, &queued, &error))
    {
      text = g_strdup_printf (_("Could not undo: the elevators keep the change (%s)."),
                              error->message);
      show_failure (self, text);
      return;
    }
  emit_changed (self, entries);
  if (queued > 0)
    /* Translators: the toast after an undo of a change a sync had already sent; %u is how
     * many lifts get their previous values back through the next sync. */
    text = g_strdup_printf (ngettext ("Change undone; %u elevator is set back on the server at "
                                      "the next sync",
                                      "Change undone; %u elevators are set back on the server "
                                      "at the next sync", queued), queued);
  show_toast (self, adw_toast_new (text != NULL ? text : _("Change undone")));
}

void
xa_elevator_renewal_set_store (XaElevatorRenewal *self,
                               XaStore           *store_or_NULL)
{
  g_return_if_fail (XA_IS_ELEVATOR_RENEWAL (self));

  if (store_or_NULL == self->store)
    return;
  forget (self);
  g_set_object (&self->store, store_or_NULL);
}

static void
xa_elevator_renewal_dispose (GObject *object)
{
  XaElevatorRenewal *self = XA_ELEVATOR_RENEWAL (object);

  forget (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xa_elevator_renewal_parent_class)->dispose (object);
}

static void
xa_elevator_renewal_class_init (XaElevatorRenewalClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xa_elevator_renewal_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
xa_elevator_renewal_init (XaElevatorRenewal *self)
{
}

XaElevatorRenewal *
xa_elevator_renewal_new (GtkWidget *page)
{
  XaElevatorRenewal *self;

  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);

  self = g_object_new (XA_TYPE_ELEVATOR_RENEWAL, NULL);
  self->page = page;
  return self;
}
