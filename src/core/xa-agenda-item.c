/* xa-agenda-item.c — see xa-agenda-item.h. A GObject so that the agenda is a GListModel the
 * views can show and reorder directly; "topic" notifies so a row follows an edit. */
#include "config.h"

#include "xa-agenda-item.h"

struct _XaAgendaItem
{
  GObject  parent_instance;

  char    *compound_id;
  char    *topic;
};

G_DEFINE_FINAL_TYPE (XaAgendaItem, xa_agenda_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_COMPOUND_ID, PROP_TOPIC, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
xa_agenda_item_finalize (GObject *object)
{
  XaAgendaItem *self = XA_AGENDA_ITEM (object);

  g_free (self->compound_id);
  g_free (self->topic);
  G_OBJECT_CLASS (xa_agenda_item_parent_class)->finalize (object);
}

static void
xa_agenda_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XaAgendaItem *self = XA_AGENDA_ITEM (object);

  switch (prop_id)
    {
    case PROP_COMPOUND_ID:
      g_value_set_string (value, self->compound_id);
      break;
    case PROP_TOPIC:
      g_value_set_string (value, xa_agenda_item_get_topic (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_agenda_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  XaAgendaItem *self = XA_AGENDA_ITEM (object);

  switch (prop_id)
    {
    case PROP_COMPOUND_ID:
      self->compound_id = g_value_dup_string (value);
      break;
    case PROP_TOPIC:
      xa_agenda_item_set_topic (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_agenda_item_class_init (XaAgendaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xa_agenda_item_finalize;
  object_class->get_property = xa_agenda_item_get_property;
  object_class->set_property = xa_agenda_item_set_property;

  properties[PROP_COMPOUND_ID] =
    g_param_spec_string ("compound-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC] =
    g_param_spec_string ("topic", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xa_agenda_item_init (XaAgendaItem *self)
{
}

XaAgendaItem *
xa_agenda_item_new (const char *compound_id,
                    const char *topic_or_NULL)
{
  g_return_val_if_fail (compound_id != NULL, NULL);

  return g_object_new (XA_TYPE_AGENDA_ITEM,
                       "compound-id", compound_id,
                       "topic", topic_or_NULL,
                       NULL);
}

const char *
xa_agenda_item_get_compound_id (XaAgendaItem *self)
{
  g_return_val_if_fail (XA_IS_AGENDA_ITEM (self), NULL);

  return self->compound_id;
}

const char *
xa_agenda_item_get_topic (XaAgendaItem *self)
{
  g_return_val_if_fail (XA_IS_AGENDA_ITEM (self), NULL);

  return self->topic != NULL ? self->topic : "";
}

void
xa_agenda_item_set_topic (XaAgendaItem *self,
                          const char   *topic_or_NULL)
{
  g_return_if_fail (XA_IS_AGENDA_ITEM (self));

  /* "" and NULL are the same "no topic": one spelling, so saving and loading round-trip. */
  if (topic_or_NULL != NULL && topic_or_NULL[0] == '\0')
    topic_or_NULL = NULL;
  if (g_strcmp0 (self->topic, topic_or_NULL) == 0)
    return;
  g_free (self->topic);
  self->topic = g_strdup (topic_or_NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}
