/* xa-agenda.c — see xa-agenda.h. The items are kept in a GPtrArray and announced through
 * GListModel's items-changed, so a view bound to the agenda follows every change. */
#include "config.h"

#include "xa-agenda.h"

struct _XaAgenda
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  GPtrArray *items;  /* XaAgendaItem*, owned */
};

static void xa_agenda_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XaAgenda, xa_agenda, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      xa_agenda_list_model_init))

enum { PROP_0, PROP_ID, PROP_NAME, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
xa_agenda_get_item_type (GListModel *model)
{
  return XA_TYPE_AGENDA_ITEM;
}

static guint
xa_agenda_list_get_n_items (GListModel *model)
{
  return XA_AGENDA (model)->items->len;
}

static gpointer
xa_agenda_get_item (GListModel *model,
                    guint       position)
{
  XaAgenda *self = XA_AGENDA (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
xa_agenda_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xa_agenda_get_item_type;
  iface->get_n_items = xa_agenda_list_get_n_items;
  iface->get_item = xa_agenda_get_item;
}

static void
items_changed (XaAgenda *self,
               guint     position,
               guint     removed,
               guint     added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
xa_agenda_finalize (GObject *object)
{
  XaAgenda *self = XA_AGENDA (object);

  g_free (self->name);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (xa_agenda_parent_class)->finalize (object);
}

static void
xa_agenda_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  XaAgenda *self = XA_AGENDA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_agenda_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  XaAgenda *self = XA_AGENDA (object);

  switch (prop_id)
    {
    case PROP_NAME:
      xa_agenda_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_agenda_class_init (XaAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xa_agenda_finalize;
  object_class->get_property = xa_agenda_get_property;
  object_class->set_property = xa_agenda_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xa_agenda_init (XaAgenda *self)
{
  self->name = g_strdup ("");
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

XaAgenda *
xa_agenda_new (const char *name)
{
  return g_object_new (XA_TYPE_AGENDA, "name", name, NULL);
}

gint64
xa_agenda_get_id (XaAgenda *self)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), 0);

  return self->id;
}

void
xa_agenda_set_id (XaAgenda *self,
                  gint64    id)
{
  g_return_if_fail (XA_IS_AGENDA (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
xa_agenda_get_name (XaAgenda *self)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), NULL);

  return self->name;
}

void
xa_agenda_set_name (XaAgenda   *self,
                    const char *name)
{
  g_return_if_fail (XA_IS_AGENDA (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

guint
xa_agenda_get_n_items (XaAgenda *self)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), 0);

  return self->items->len;
}

XaAgendaItem *
xa_agenda_peek_item (XaAgenda *self,
                     guint     position)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), NULL);

  if (position >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, position);
}

int
xa_agenda_find (XaAgenda   *self,
                const char *compound_id)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), -1);
  g_return_val_if_fail (compound_id != NULL, -1);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (xa_agenda_item_get_compound_id (g_ptr_array_index (self->items, i)),
                   compound_id) == 0)
      return (int) i;
  return -1;
}

gboolean
xa_agenda_insert (XaAgenda     *self,
                  guint         position,
                  XaAgendaItem *item)
{
  g_return_val_if_fail (XA_IS_AGENDA (self), FALSE);
  g_return_val_if_fail (XA_IS_AGENDA_ITEM (item), FALSE);

  if (xa_agenda_find (self, xa_agenda_item_get_compound_id (item)) >= 0)
    return FALSE;
  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, (int) position, g_object_ref (item));
  items_changed (self, position, 0, 1);
  return TRUE;
}

gboolean
xa_agenda_append (XaAgenda   *self,
                  const char *compound_id,
                  const char *topic_or_NULL)
{
  g_autoptr(XaAgendaItem) item = NULL;

  g_return_val_if_fail (XA_IS_AGENDA (self), FALSE);
  g_return_val_if_fail (compound_id != NULL, FALSE);

  item = xa_agenda_item_new (compound_id, topic_or_NULL);
  return xa_agenda_insert (self, self->items->len, item);
}

void
xa_agenda_remove (XaAgenda *self,
                  guint     position)
{
  g_return_if_fail (XA_IS_AGENDA (self));
  g_return_if_fail (position < self->items->len);

  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

void
xa_agenda_move (XaAgenda *self,
                guint     from,
                guint     to)
{
  gpointer item;

  g_return_if_fail (XA_IS_AGENDA (self));
  g_return_if_fail (from < self->items->len && to < self->items->len);

  if (from == to)
    return;
  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, (int) to, item);
  /* One change covering both places, so a view keeps every other row. */
  items_changed (self, MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                 MAX (from, to) - MIN (from, to) + 1);
}

char **
xa_agenda_dup_compound_ids (XaAgenda *self)
{
  GStrvBuilder *builder;
  char **ids;

  g_return_val_if_fail (XA_IS_AGENDA (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder,
                        xa_agenda_item_get_compound_id (g_ptr_array_index (self->items, i)));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}
