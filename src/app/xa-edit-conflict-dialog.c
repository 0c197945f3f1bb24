/* xa-edit-conflict-dialog.c — see xa-edit-conflict-dialog.h. Each value is shown in words
 * (a status as the ledger names it, a deadline as a date), so the user compares what the
 * fields mean, not how the wire spells them. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-calendar.h"
#include "xa-edit-conflict-dialog-private.h"
#include "xa-record-words.h"

typedef struct
{
  char           *name;
  GtkLabel       *cells[4];
  GtkCheckButton *mine;
  GtkCheckButton *theirs;
} Row;

struct _XaEditConflictDialog
{
  AdwWindow  parent_instance;

  GtkLabel  *heading_label;
  GtkGrid   *grid;
  GtkLabel  *error_label;
  GtkButton *keep_mine_button;
  GtkButton *take_theirs_button;
  GtkButton *apply_button;

  XaStore   *store;
  gint64     local_id;
  GPtrArray *rows;     /* Row* */
};

G_DEFINE_FINAL_TYPE (XaEditConflictDialog, xa_edit_conflict_dialog, ADW_TYPE_WINDOW)

enum { RESOLVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row);
}

const char *
xa_edit_conflict_field_words (const char *name)
{
  static const struct { const char *name; const char *words; } fields[] = {
    { "status", N_("Status") },
    { "tier", N_("Level") },
    { "responsible_party", N_("Responsible party") },
    { "deadline", N_("Deadline") },
    { "resolution_note", N_("Resolution note") },
    { "renewal_status", N_("Renewal") },
    { "planned_year", N_("Planned year") },
    { "funding_source", N_("Funding") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return _(fields[i].words);
  return name;
}

static int
index_of (const char * const *names,
          const char         *text)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      return i;
  return -1;
}

char *
xa_edit_conflict_value_words (const char *name,
                              const char *text)
{
  const char *words = NULL;
  int i;

  if (text == NULL)
    /* Translators: a field that has no value. */
    return g_strdup (_("—"));
  if (g_strcmp0 (name, "status") == 0 && (i = index_of (xa_problem_status_names, text)) >= 0)
    words = xa_record_words_problem_status (i);
  else if (g_strcmp0 (name, "tier") == 0 && (i = index_of (xa_problem_tier_names, text)) >= 0)
    words = xa_record_words_problem_tier (i);
  else if (g_strcmp0 (name, "renewal_status") == 0 &&
           (i = index_of (xa_renewal_status_names, text)) >= 0)
    words = xa_record_words_renewal (i);
  else if (g_strcmp0 (name, "funding_source") == 0 &&
           (i = index_of (xa_funding_source_names, text)) >= 0)
    words = xa_record_words_funding (i);
  else if (g_strcmp0 (name, "deadline") == 0)
    {
      gint64 unix_time = 0;

      if (xa_parse_time (text, &unix_time))
        return xa_calendar_format_date (unix_time);
    }
  if (words != NULL && *words != '\0')
    return g_strdup (words);
  return g_strdup (text);
}

static GtkLabel *
add_cell (XaEditConflictDialog *self,
          const char           *text,
          int                   column,
          int                   row,
          gboolean              heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->grid, label, column, row, 1, 1);
  return GTK_LABEL (label);
}

static void
set_choice_name (GtkCheckButton *button,
                 const char     *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
add_row (XaEditConflictDialog *self,
         XaEditField          *field)
{
  Row *row = g_new0 (Row, 1);
  int line = self->rows->len + 1;
  const char *field_words = xa_edit_conflict_field_words (field->name);
  const char *values[] = { field->original, field->mine, field->theirs };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *mine_name = NULL;
  g_autofree char *theirs_name = NULL;

  row->name = g_strdup (field->name);
  row->cells[0] = add_cell (self, field_words, 0, line, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *words = xa_edit_conflict_value_words (field->name, values[i]);

      row->cells[i + 1] = add_cell (self, words, i + 1, line, FALSE);
    }
  row->mine = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Mine")));
  row->theirs = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("T_heirs")));
  gtk_check_button_set_group (row->theirs, row->mine);
  gtk_check_button_set_active (row->mine, TRUE);
  /* Translators: the accessible name of a choice; %s is a field, e.g. "Status". */
  mine_name = g_strdup_printf (_("Keep mine for %s"), field_words);
  /* Translators: the accessible name of a choice; %s is a field, e.g. "Status". */
  theirs_name = g_strdup_printf (_("Take theirs for %s"), field_words);
  set_choice_name (row->mine, mine_name);
  set_choice_name (row->theirs, theirs_name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->mine));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->theirs));
  gtk_grid_attach (self->grid, box, 4, line, 1, 1);
  g_ptr_array_add (self->rows, row);
}

/* The decision as the record's note keeps it, in the user's language. */
static char *
decision_words (GString *kept,
                GString *taken)
{
  if (taken->len == 0)
    /* Translators: added to the note of an edit sent again; %s lists fields. */
    return g_strdup_printf (_("Conflict resolved: kept mine for %s"), kept->str);
  /* Translators: added to the note of an edit sent again; each %s lists fields. */
  return g_strdup_printf (_("Conflict resolved: kept mine for %s, took theirs for %s"),
                          kept->str, taken->str);
}

/* Settles the conflict keeping mine where @keep (one per row) says so. */
static void
resolve (XaEditConflictDialog *self,
         const gboolean       *keep)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GString) taken = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *decision = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      GString *list = keep[i] ? kept : taken;

      if (keep[i])
        g_ptr_array_add (names, row->name);
      if (list->len > 0)
        /* Translators: between the fields of a list, e.g. "status, deadline". */
        g_string_append (list, C_("field list", ", "));
      g_string_append (list, xa_edit_conflict_field_words (row->name));
    }
  g_ptr_array_add (names, NULL);
  if (kept->len > 0)
    decision = decision_words (kept, taken);
  if (!xa_store_resolve_conflict (self->store, self->local_id,
                                  (const char * const *) names->pdata, decision, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, e.g. the server's status no longer allows mine. */
      text = g_strdup_printf (_("The conflict could not be resolved: %s"), error->message);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
resolve_all (XaEditConflictDialog *self,
             gboolean              mine)
{
  g_autofree gboolean *keep = g_new0 (gboolean, MAX (self->rows->len, 1));

  for (guint i = 0; i < self->rows->len; i++)
    keep[i] = mine;
  resolve (self, keep);
}

static void
keep_mine_clicked_cb (XaEditConflictDialog *self)
{
  resolve_all (self, TRUE);
}

static void
take_theirs_clicked_cb (XaEditConflictDialog *self)
{
  resolve_all (self, FALSE);
}

static void
apply_clicked_cb (XaEditConflictDialog *self)
{
  g_autofree gboolean *keep = g_new0 (gboolean, MAX (self->rows->len, 1));

  for (guint i = 0; i < self->rows->len; i++)
    keep[i] = gtk_check_button_get_active (((Row *) g_ptr_array_index (self->rows, i))->mine);
  resolve (self, keep);
}

GtkWidget *
xa_edit_conflict_dialog_new (GtkWindow           *parent,
                             XaStore             *store,
                             const XaOutboxEntry *entry,
                             const char          *record_label)
{
  XaEditConflictDialog *self;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (XA_IS_STORE (store), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (XA_TYPE_EDIT_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->local_id = entry->local_id;
  /* Translators: the heading of the conflict dialog; %s names the record (a problem's
   * title, or a lift's registration code and compound). */
  heading = g_strdup_printf (_("Your edit of “%s”"),
                             record_label != NULL ? record_label : entry->record_id);
  gtk_label_set_label (self->heading_label, heading);
  add_cell (self, _("Field"), 0, 0, TRUE);
  /* Translators: the column of the values before my edit. */
  add_cell (self, _("Original"), 1, 0, TRUE);
  /* Translators: the column of my edit's values. */
  add_cell (self, _("Mine"), 2, 0, TRUE);
  /* Translators: the column of the server's values. */
  add_cell (self, _("Theirs"), 3, 0, TRUE);
  add_cell (self, _("Keep"), 4, 0, TRUE);
  fields = xa_outbox_entry_get_fields (entry);
  for (guint i = 0; i < fields->len; i++)
    add_row (self, g_ptr_array_index (fields, i));
  return GTK_WIDGET (self);
}

const char *
_xa_edit_conflict_dialog_get_cell (XaEditConflictDialog *self,
                                   guint                 row,
                                   guint                 column)
{
  g_return_val_if_fail (XA_IS_EDIT_CONFLICT_DIALOG (self), NULL);

  if (row >= self->rows->len || column > 3)
    return NULL;
  return gtk_label_get_label (((Row *) g_ptr_array_index (self->rows, row))->cells[column]);
}

GtkCheckButton *
_xa_edit_conflict_dialog_get_choice (XaEditConflictDialog *self,
                                     guint                 row,
                                     gboolean              mine)
{
  Row *r;

  g_return_val_if_fail (XA_IS_EDIT_CONFLICT_DIALOG (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  r = g_ptr_array_index (self->rows, row);
  return mine ? r->mine : r->theirs;
}

GtkButton *
_xa_edit_conflict_dialog_get_button (XaEditConflictDialog *self,
                                     const char           *name)
{
  g_return_val_if_fail (XA_IS_EDIT_CONFLICT_DIALOG (self), NULL);

  if (g_str_equal (name, "keep-mine"))
    return self->keep_mine_button;
  if (g_str_equal (name, "take-theirs"))
    return self->take_theirs_button;
  return self->apply_button;
}

const char *
_xa_edit_conflict_dialog_get_error (XaEditConflictDialog *self)
{
  g_return_val_if_fail (XA_IS_EDIT_CONFLICT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

static void
xa_edit_conflict_dialog_dispose (GObject *object)
{
  XaEditConflictDialog *self = XA_EDIT_CONFLICT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xa_edit_conflict_dialog_parent_class)->dispose (object);
}

static void
xa_edit_conflict_dialog_class_init (XaEditConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_edit_conflict_dialog_dispose;

  /* Emitted once the store holds the decision, just before the dialog closes. */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-edit-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, keep_mine_button);
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, take_theirs_button);
  gtk_widget_class_bind_template_child (widget_class, XaEditConflictDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, keep_mine_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_theirs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
}

static void
xa_edit_conflict_dialog_init (XaEditConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (row_free);
}
