/* xa-ledger-columns.c — see xa-ledger-columns.h. One factory callback pair serves every
 * column: a column is a number, its cell a label (the status cell adds the pending mark). */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-calendar.h"
#include "xa-format.h"
#include "xa-ledger-columns.h"
#include "xa-ledger-item.h"
#include "xa-outbox-mark.h"
#include "xa-record-words.h"
#include "xa-store-edits.h"

typedef enum
{
  COLUMN_STATUS,
  COLUMN_TIER,
  COLUMN_CATEGORY,
  COLUMN_SOURCE,
  COLUMN_TICKET,
  COLUMN_COMPOUND,
  COLUMN_PARTY,
  COLUMN_REPORTED,
  COLUMN_DEADLINE,
  COLUMN_DAYS_OPEN,
  COLUMN_OVERDUE,
  N_COLUMNS
} LedgerColumn;

typedef struct
{
  LedgerColumn           column;
  XaLedgerCellClickFunc  on_click;
  gpointer               user_data;
} ColumnSpec;

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_text (const char *a,
              const char *b)
{
  return g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");
}

static int
compare_column (XaLedgerItem *a,
                XaLedgerItem *b,
                LedgerColumn  column)
{
  switch (column)
    {
    case COLUMN_STATUS:
      return compare_int64 (a->status, b->status);
    case COLUMN_TIER:
      return compare_int64 (a->tier, b->tier);
    case COLUMN_CATEGORY:
      return compare_text (a->category_name, b->category_name);
    case COLUMN_SOURCE:
      return compare_int64 (a->source, b->source);
    case COLUMN_TICKET:
      return compare_text (a->ticket_no, b->ticket_no);
    case COLUMN_COMPOUND:
      return compare_text (a->compound_name, b->compound_name);
    case COLUMN_PARTY:
      return compare_text (a->responsible_party, b->responsible_party);
    case COLUMN_REPORTED:
      return compare_int64 (a->reported_at, b->reported_at);
    case COLUMN_DEADLINE:
      return compare_int64 (a->deadline, b->deadline);
    case COLUMN_DAYS_OPEN:
      return compare_int64 (a->days_open, b->days_open);
    case COLUMN_OVERDUE:
      return compare_int64 (a->overdue, b->overdue);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return 0;
}

static int
sort_by_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return gtk_ordering_from_cmpfunc (compare_column ((XaLedgerItem *) a, (XaLedgerItem *) b,
                                                    GPOINTER_TO_INT (user_data)));
}

/* What a ledger is read for first: the overdue, then what falls due soonest; the id keeps
 * the order the same from one load to the next. */
static int
sort_default (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const XaLedgerItem *x = a;
  const XaLedgerItem *y = b;
  int order = compare_int64 (y->overdue, x->overdue);

  if (order == 0)
    order = compare_int64 (x->deadline, y->deadline);
  if (order == 0)
    order = strcmp (x->id, y->id);
  return gtk_ordering_from_cmpfunc (order);
}


static char *
format_day (gint64 unix_seconds)
{
  return xa_calendar_format_date (unix_seconds);
}

/* The right click of a cell, passed on with the row's position. */
static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 ColumnSpec      *spec)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "xa-list-item");

  if (list_item != NULL && spec->on_click != NULL)
    spec->on_click (cell, gtk_list_item_get_position (list_item), x, y, spec->user_data);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ColumnSpec               *spec)
{
  LedgerColumn column = spec->column;
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *cell = label;
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_DAYS_OPEN ? 1.0f : 0.0f);
  if (column == COLUMN_TIER || column == COLUMN_CATEGORY || column == COLUMN_COMPOUND
      || column == COLUMN_PARTY)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_STATUS)
    {
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (cell), label);
      gtk_box_append (GTK_BOX (cell), xa_outbox_mark_new ());
    }
  g_object_set_data (G_OBJECT (cell), "xa-list-item", list_item);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (cell_pressed_cb), spec);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (gesture));
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnSpec               *spec)
{
  LedgerColumn column = spec->column;
  XaLedgerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  GtkLabel *label = GTK_LABEL (column == COLUMN_STATUS ? gtk_widget_get_first_child (cell)
                                                         : cell);
  g_autofree char *owned = NULL;
  const char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  switch (column)
    {
    case COLUMN_STATUS:
      text = xa_record_words_problem_status (item->status);
      xa_outbox_mark_show (gtk_widget_get_last_child (cell), item->outbox_state,
                           XA_RECORD_PROBLEM);
      break;
    case COLUMN_TIER:
      text = xa_record_words_problem_tier (item->tier);
      break;
    case COLUMN_CATEGORY:
      text = item->category_name;
      break;
    case COLUMN_SOURCE:
      text = xa_record_words_problem_source (item->source);
      break;
    case COLUMN_TICKET:
      text = item->ticket_no != NULL ? item->ticket_no : "—";
      break;
    case COLUMN_COMPOUND:
      text = item->compound_name;
      break;
    case COLUMN_PARTY:
      text = item->responsible_party;
      break;
    case COLUMN_REPORTED:
      text = owned = format_day (item->reported_at);
      break;
    case COLUMN_DEADLINE:
      /* Red as the overdue column, which a narrow window scrolls out of view. */
      text = owned = format_day (item->deadline);
      if (item->overdue)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      break;
    case COLUMN_DAYS_OPEN:
      text = owned = xa_format_count (item->days_open);
      break;
    case COLUMN_OVERDUE:
      text = xa_record_words_yes_no (item->overdue);
      if (item->overdue)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               column == COLUMN_COMPOUND || column == COLUMN_TICKET
                               ? item->title : gtk_label_get_label (label));
}

/* Columns of names and texts get a width and ellipsize; the others show their whole word. */
static void
add_column (GtkColumnView         *view,
            LedgerColumn           column,
            const char            *title,
            int                    fixed_width,
            XaLedgerCellClickFunc  on_click,
            gpointer               user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkCustomSorter) sorter = NULL;
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);

  *spec = (ColumnSpec) { column, on_click, user_data };
  /* The factory owns the spec: the setup handler frees it with the factory. */
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cell), spec,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), spec);
  view_column = gtk_column_view_column_new (title, factory);
  sorter = gtk_custom_sorter_new (sort_by_column, GINT_TO_POINTER (column), NULL);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_column_set_expand (view_column, fixed_width > 0);
  gtk_column_view_append_column (view, view_column);
}

void
xa_ledger_columns_add (GtkColumnView         *view,
                       XaLedgerCellClickFunc  on_click,
                       gpointer               user_data)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  add_column (view, COLUMN_STATUS, _("Status"), -1, on_click, user_data);
  add_column (view, COLUMN_TIER, _("Tier"), 95, on_click, user_data);
  add_column (view, COLUMN_CATEGORY, _("Category"), 110, on_click, user_data);
  add_column (view, COLUMN_SOURCE, _("Source"), -1, on_click, user_data);
  add_column (view, COLUMN_TICKET, _("Ticket No."), -1, on_click, user_data);
  add_column (view, COLUMN_COMPOUND, C_("ledger column", "Compound"), 120, on_click, user_data);
  add_column (view, COLUMN_PARTY, _("Responsible Party"), 120, on_click, user_data);
  add_column (view, COLUMN_REPORTED, _("Reported"), -1, on_click, user_data);
  add_column (view, COLUMN_DEADLINE, _("Deadline"), -1, on_click, user_data);
  add_column (view, COLUMN_DAYS_OPEN, _("Days Open"), -1, on_click, user_data);
  add_column (view, COLUMN_OVERDUE, _("Overdue"), -1, on_click, user_data);
}

GtkSorter *
xa_ledger_columns_default_sorter (void)
{
  return GTK_SORTER (gtk_custom_sorter_new (sort_default, NULL, NULL));
}
