/* xa-elevator-model.c — see xa-elevator-model.h. GtkSortListModel sorted the 100,000 rows
 * again at every click on a header, through two layers of sorters, and GtkFilterListModel
 * then looked at all of them again; the list took 250–450 ms a sort and up to 800 ms a
 * keystroke (tests/bench-elevator-list). Here each column's order is sorted once with the
 * very comparison of xa-elevator-columns.c, so that the order is the same, and kept: the
 * other direction is the same array read backwards. Which column the view sorts by comes
 * from asking its sorter to compare two probes, which only this file's column sorters
 * recognise (GTK 4.8 has no API for the primary sort column). The filter's answers are kept
 * too, so that a sort asks it nothing and a stricter or looser filter asks only about the
 * rows that can change; and a change is told to the views as GTK 4.8 handles it fastest
 * (replace_shown()). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xa-elevator-model.h"
#include "xa-elevator-row.h"

struct _XaElevatorModel
{
  GObject            parent_instance;

  GListModel        *rows;
  GtkSorter         *sorter;
  GtkFilter         *filter;
  /* The selection over this model, not held (xa_elevator_model_set_selection()). */
  GtkSelectionModel *selection;
  /* The rows of @rows, each with a reference: a row shown stays alive until the view has
   * been told it is gone. Everything below counts in positions of this array. */
  GPtrArray         *items;
  /* Each column's ascending order of @items, sorted the first time the view asks for it,
   * kept until the rows change. */
  guint32           *orders[XA_ELEVATOR_N_COLUMNS];
  /* Whether the filter matches each row, as of its last change. */
  guint8            *matches;
  /* The order shown: a column, or -1 for the order of @rows; and its direction. */
  int                column;
  gboolean           descending;
  /* What the filter leaves, in the order shown. */
  guint32           *shown;
  guint              n_shown;
  /* Between the two halves of a change (replace_shown()): the first @head rows of @shown,
   * then those of @before (@n_before rows shown before) from @tail on. */
  const guint32     *before;
  guint              n_before;
  guint              head;
  guint              tail;
};

static void xa_elevator_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XaElevatorModel, xa_elevator_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      xa_elevator_model_list_model_init))

/* ---- The column sorters and their probes ---- */

/* Two objects no list holds: compared by a column sorter, they say which column it is. */
static GObject *probes[2];
static int probed_column = -1;

static int
column_compare (gconstpointer a,
                gconstpointer b,
                gpointer      column)
{
  if (a == probes[0] || a == probes[1])
    {
      probed_column = GPOINTER_TO_INT (column);
      return a == probes[0] ? -1 : 1;
    }
  return xa_elevator_column_compare (a, b, column);
}

GtkSorter *
xa_elevator_model_column_sorter_new (XaElevatorColumn column)
{
  g_return_val_if_fail (column < XA_ELEVATOR_N_COLUMNS, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (column_compare, GINT_TO_POINTER (column), NULL));
}

/* The column @sorter sorts by first (-1: none of this file's) and whether backwards. */
static int
sorted_column (GtkSorter *sorter,
               gboolean  *descending)
{
  GtkOrdering ordering;

  *descending = FALSE;
  if (sorter == NULL)
    return -1;
  if (probes[0] == NULL)
    {
      probes[0] = g_object_new (G_TYPE_OBJECT, NULL);
      probes[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probed_column = -1;
  ordering = gtk_sorter_compare (sorter, probes[0], probes[1]);
  *descending = ordering == GTK_ORDERING_LARGER;
  return probed_column;
}

/* ---- Sorting ---- */

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  XaElevatorModel *self = user_data;

  return xa_elevator_column_compare (self->items->pdata[*(const guint32 *) a],
                                     self->items->pdata[*(const guint32 *) b],
                                     GINT_TO_POINTER (self->column));
}

/* The priority's ascending order (xa_elevator_column_compare()) read from a small key made
 * once a row, not from the rows themselves: opening the list sorts by it, and 100,000 rows
 * scattered over the heap compared a million times are mostly cache misses. */
typedef struct
{
  gboolean    in_scope;
  int         score;
  double      years;    /* -1 without a date, as xa_elevator_priority_compare() counts */
  const char *id;
  guint32     index;
} PriorityKey;

static int
compare_priority_keys (gconstpointer a,
                       gconstpointer b)
{
  const PriorityKey *x = a, *y = b;

  /* Lifts out of the programme first, then the lower score, then the fewer years: the
   * renewal order backwards; ties in the id's order. */
  if (x->in_scope != y->in_scope)
    return x->in_scope ? 1 : -1;
  if (x->score != y->score)
    return x->score > y->score ? 1 : -1;
  if (x->years != y->years)
    return x->years > y->years ? 1 : -1;
  return strcmp (x->id, y->id);
}

static void
sort_by_priority (XaElevatorModel *self,
                  guint32         *order)
{
  guint n = self->items->len;
  g_autofree PriorityKey *keys = g_new (PriorityKey, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const XaElevatorRowData *d = xa_elevator_row_get_data (self->items->pdata[i]);

      keys[i].in_scope = d->priority.in_scope;
      keys[i].score = d->priority.score;
      keys[i].years = isnan (d->priority.years) ? -1 : d->priority.years;
      keys[i].id = d->id;
      keys[i].index = i;
    }
  qsort (keys, n, sizeof (PriorityKey), compare_priority_keys);
  for (guint i = 0; i < n; i++)
    order[i] = keys[i].index;
}

/* Positions in @items in the ascending order of the column shown, kept; or of @rows, which
 * the caller frees. */
static const guint32 *
current_order (XaElevatorModel *self)
{
  guint n = self->items->len;
  guint32 *order;

  if (self->column >= 0 && self->orders[self->column] != NULL)
    return self->orders[self->column];
  order = g_new (guint32, MAX (n, 1));
  if (self->column == XA_ELEVATOR_COLUMN_PRIORITY || self->column == XA_ELEVATOR_COLUMN_WHY)
    sort_by_priority (self, order);
  else
    {
      for (guint i = 0; i < n; i++)
        order[i] = i;
      if (self->column >= 0)
        g_qsort_with_data (order, n, sizeof (guint32), compare_rows, self);
    }
  if (self->column >= 0)
    self->orders[self->column] = order;
  return order;
}

/* ---- Filtering ---- */

static gboolean
selects_any (GtkSelectionModel *selection,
             guint              position,
             guint              n)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection_in_range (selection,
                                                                             position, n);

  return !gtk_bitset_is_empty (selected);
}

/* Shows @shown (@n positions, taken) instead, telling the views what changed between the
 * first and the last row that differ. GTK 4.8's list view keeps widgets for some 200 rows
 * and makes them again for every row of a change; a change that removed the rows it shows
 * and added others cost it 100–400 ms on 100,000 rows (tests/bench-elevator-list), where
 * adding the new rows first, above the old ones, then removing the old ones, now out of
 * its sight, costs it 10–30. But a selection keeps a row only when it comes back in the
 * same change that removed it: a change that removes a selected row is told in one piece.
 * @all_changed: the rows themselves are others, and the rows shown before are no longer in
 * @items: one change of everything. */
static void
replace_shown (XaElevatorModel *self,
               guint32         *shown,
               guint            n,
               gboolean         all_changed)
{
  g_autofree guint32 *before = self->shown;
  guint n_before = self->n_shown;
  guint same = all_changed ? 0 : MIN (n, n_before);
  guint start = 0, end = 0, removed, added;

  while (start < same && before[start] == shown[start])
    start++;
  while (end < same - start && before[n_before - 1 - end] == shown[n - 1 - end])
    end++;
  removed = n_before - start - end;
  added = n - start - end;
  self->shown = shown;
  self->n_shown = n;
  if (removed == 0 && added == 0)
    return;
  if (all_changed || removed == 0 || added == 0 || self->selection == NULL
      || selects_any (self->selection, start, removed))
    {
      g_list_model_items_changed (G_LIST_MODEL (self), start, removed, added);
      return;
    }
  /* In between: the new rows, then the old ones from @start on. */
  self->before = before;
  self->n_before = n_before;
  self->head = n - end;
  self->tail = start;
  g_list_model_items_changed (G_LIST_MODEL (self), start, 0, added);
  self->before = NULL;
  g_list_model_items_changed (G_LIST_MODEL (self), start + added, removed, 0);
}

/* The rows the filter matches (@matches) in the order shown, told to the views. */
static void
show_matches (XaElevatorModel *self,
              gboolean         all_changed)
{
  const guint32 *order = current_order (self);
  guint n_items = self->items->len;
  guint32 *shown = g_new (guint32, MAX (n_items, 1));
  guint n = 0;

  for (guint i = 0; i < n_items; i++)
    {
      guint32 index = order[self->descending ? n_items - 1 - i : i];

      if (self->matches[index])
        shown[n++] = index;
    }
  if (self->column < 0)
    g_free ((gpointer) order);
  replace_shown (self, shown, n, all_changed);
}

/* Asks the filter again about the rows it may have changed its mind on: after @change,
 * those it matched when stricter, those it did not when less strict, else all. */
static void
refilter (XaElevatorModel *self,
          GtkFilterChange  change)
{
  GtkFilterMatch strictness = self->filter != NULL ? gtk_filter_get_strictness (self->filter)
                                                   : GTK_FILTER_MATCH_ALL;

  for (guint i = 0; i < self->items->len; i++)
    {
      if (strictness != GTK_FILTER_MATCH_SOME)
        self->matches[i] = strictness == GTK_FILTER_MATCH_ALL;
      else if ((change == GTK_FILTER_CHANGE_MORE_STRICT && !self->matches[i])
               || (change == GTK_FILTER_CHANGE_LESS_STRICT && self->matches[i]))
        continue;
      else
        self->matches[i] = gtk_filter_match (self->filter, self->items->pdata[i]);
    }
}

static void
forget_orders (XaElevatorModel *self)
{
  for (guint c = 0; c < XA_ELEVATOR_N_COLUMNS; c++)
    g_clear_pointer (&self->orders[c], g_free);
}

static void
rows_changed_cb (XaElevatorModel *self)
{
  g_autoptr(GPtrArray) before = self->items;
  guint n = g_list_model_get_n_items (self->rows);

  self->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (self->rows, i));
  forget_orders (self);
  g_free (self->matches);
  self->matches = g_new0 (guint8, MAX (n, 1));
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  /* The rows of @before live until the views have let go of them. */
  show_matches (self, TRUE);
}

static void
sorter_changed_cb (XaElevatorModel *self)
{
  gboolean descending;
  int column = sorted_column (self->sorter, &descending);

  if (column == self->column && descending == self->descending)
    return;
  self->column = column;
  self->descending = descending;
  show_matches (self, FALSE);
}

static void
filter_changed_cb (XaElevatorModel *self,
                   GtkFilterChange  change)
{
  refilter (self, change);
  show_matches (self, FALSE);
}

/* ---- GListModel ---- */

static GType
xa_elevator_model_get_item_type (GListModel *model)
{
  return XA_TYPE_ELEVATOR_ROW;
}

static guint
xa_elevator_model_get_n_items (GListModel *model)
{
  XaElevatorModel *self = XA_ELEVATOR_MODEL (model);

  if (self->before != NULL)
    return self->head + self->n_before - self->tail;
  return self->n_shown;
}

static gpointer
xa_elevator_model_get_item (GListModel *model,
                            guint       position)
{
  XaElevatorModel *self = XA_ELEVATOR_MODEL (model);

  guint32 index;

  if (position >= xa_elevator_model_get_n_items (model))
    return NULL;
  if (self->before != NULL && position >= self->head)
    index = self->before[self->tail + position - self->head];
  else
    index = self->shown[position];
  return g_object_ref (self->items->pdata[index]);
}

static void
xa_elevator_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xa_elevator_model_get_item_type;
  iface->get_n_items = xa_elevator_model_get_n_items;
  iface->get_item = xa_elevator_model_get_item;
}

/* ---- The object ---- */

XaElevatorModel *
xa_elevator_model_new (GListModel *rows,
                       GtkSorter  *sorter,
                       GtkFilter  *filter)
{
  XaElevatorModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);
  g_return_val_if_fail (sorter == NULL || GTK_IS_SORTER (sorter), NULL);
  g_return_val_if_fail (filter == NULL || GTK_IS_FILTER (filter), NULL);

  self = g_object_new (XA_TYPE_ELEVATOR_MODEL, NULL);
  self->rows = g_object_ref (rows);
  self->sorter = sorter != NULL ? g_object_ref (sorter) : NULL;
  self->filter = filter != NULL ? g_object_ref (filter) : NULL;
  self->column = sorted_column (sorter, &self->descending);
  g_signal_connect_swapped (rows, "items-changed", G_CALLBACK (rows_changed_cb), self);
  if (sorter != NULL)
    g_signal_connect_swapped (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
  rows_changed_cb (self);
  return self;
}

void
xa_elevator_model_set_selection (XaElevatorModel   *self,
                                 GtkSelectionModel *selection)
{
  g_return_if_fail (XA_IS_ELEVATOR_MODEL (self));
  g_return_if_fail (selection == NULL || GTK_IS_SELECTION_MODEL (selection));

  g_set_weak_pointer (&self->selection, selection);
}

static void
xa_elevator_model_dispose (GObject *object)
{
  XaElevatorModel *self = XA_ELEVATOR_MODEL (object);

  g_clear_weak_pointer (&self->selection);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->rows);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (xa_elevator_model_parent_class)->dispose (object);
}

static void
xa_elevator_model_finalize (GObject *object)
{
  XaElevatorModel *self = XA_ELEVATOR_MODEL (object);

  forget_orders (self);
  g_free (self->matches);
  g_free (self->shown);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (xa_elevator_model_parent_class)->finalize (object);
}

static void
xa_elevator_model_class_init (XaElevatorModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xa_elevator_model_dispose;
  object_class->finalize = xa_elevator_model_finalize;
}

static void
xa_elevator_model_init (XaElevatorModel *self)
{
  self->column = -1;
}
