/* xa-compound-list-item.c — see xa-compound-list-item.h. */
#include "config.h"

#include <math.h>

#include "xa-compound-list-item.h"

struct _XaCompoundListItem
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *district;
  char    *cadre;
  char    *measure_text;
  double   measure;
  double   tie_break;
};

G_DEFINE_FINAL_TYPE (XaCompoundListItem, xa_compound_list_item, G_TYPE_OBJECT)

XaCompoundListItem *
xa_compound_list_item_new (const char *id,
                           const char *name,
                           const char *district,
                           const char *cadre,
                           const char *measure_text,
                           double      measure,
                           double      tie_break)
{
  XaCompoundListItem *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (XA_TYPE_COMPOUND_LIST_ITEM, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->district = g_strdup (district != NULL ? district : "");
  self->cadre = g_strdup (cadre != NULL ? cadre : "");
  self->measure_text = g_strdup (measure_text != NULL ? measure_text : "");
  self->measure = measure;
  self->tie_break = tie_break;
  return self;
}

const char *
xa_compound_list_item_get_id (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NULL);
  return self->id;
}

const char *
xa_compound_list_item_get_name (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NULL);
  return self->name;
}

const char *
xa_compound_list_item_get_district (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NULL);
  return self->district;
}

const char *
xa_compound_list_item_get_cadre (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NULL);
  return self->cadre;
}

const char *
xa_compound_list_item_get_measure_text (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NULL);
  return self->measure_text;
}

double
xa_compound_list_item_get_measure (XaCompoundListItem *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (self), NAN);
  return self->measure;
}

static int
compare_doubles (double a,
                 double b)
{
  /* "Nothing known" is no number: it goes after every number either way round, which a
   * sort on NaN would leave to chance. */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

int
xa_compound_list_item_compare_measure (XaCompoundListItem *a,
                                       XaCompoundListItem *b)
{
  int result;

  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (a), 0);
  g_return_val_if_fail (XA_IS_COMPOUND_LIST_ITEM (b), 0);

  result = compare_doubles (a->measure, b->measure);
  return result != 0 ? result : compare_doubles (a->tie_break, b->tie_break);
}

static void
xa_compound_list_item_finalize (GObject *object)
{
  XaCompoundListItem *self = XA_COMPOUND_LIST_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->district);
  g_free (self->cadre);
  g_free (self->measure_text);

  G_OBJECT_CLASS (xa_compound_list_item_parent_class)->finalize (object);
}

static void
xa_compound_list_item_class_init (XaCompoundListItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xa_compound_list_item_finalize;
}

static void
xa_compound_list_item_init (XaCompoundListItem *self)
{
}
