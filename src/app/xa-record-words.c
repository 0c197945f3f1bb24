/* xa-record-words.c — see xa-record-words.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-record-words.h"

const char *
xa_record_words_kind (XaCompoundKind kind)
{
  switch (kind)
    {
    case XA_COMPOUND_RESIDENTIAL:
      return _("Residential");
    case XA_COMPOUND_COMMERCIAL:
      return _("Commercial");
    case XA_COMPOUND_MIXED:
      return _("Mixed use");
    default:
      return "";
    }
}

const char *
xa_record_words_inspection (XaInspectionResult result)
{
  switch (result)
    {
    case XA_INSPECTION_PASS:
      return _("Passed");
    case XA_INSPECTION_PASS_WITH_REMARKS:
      return _("Passed with remarks");
    case XA_INSPECTION_FAIL:
      return _("Failed");
    case XA_INSPECTION_NONE:
    default:
      return _("No result recorded");
    }
}

const char *
xa_record_words_renewal (XaRenewalStatus status)
{
  switch (status)
    {
    case XA_RENEWAL_NONE:
      return _("No renewal planned");
    case XA_RENEWAL_PROPOSED:
      return _("Renewal proposed");
    case XA_RENEWAL_PLANNED:
      return _("Renewal planned");
    case XA_RENEWAL_FUNDED:
      return _("Renewal funded");
    case XA_RENEWAL_IN_PROGRESS:
      return _("Renewal in progress");
    case XA_RENEWAL_DONE:
      return _("Renewed");
    default:
      return "";
    }
}

const char *
xa_record_words_funding (XaFundingSource source)
{
  switch (source)
    {
    case XA_FUNDING_SPECIAL_BONDS:
      return _("Special treasury bonds");
    case XA_FUNDING_MAINTENANCE_FUND:
      return _("Maintenance fund");
    case XA_FUNDING_OWNERS:
      return _("Paid by the owners");
    case XA_FUNDING_OTHER:
      return _("Other funding");
    case XA_FUNDING_NONE:
    default:
      return NULL;
    }
}

const char *
xa_record_words_problem_source (XaProblemSource source)
{
  switch (source)
    {
    case XA_SOURCE_HOTLINE_12345:
      return _("12345 hotline");
    case XA_SOURCE_INSPECTION:
      return _("Inspection");
    case XA_SOURCE_OWNER:
      return _("Owner");
    case XA_SOURCE_CADRE:
      return _("Cadre");
    default:
      return "";
    }
}

const char *
xa_record_words_problem_status (XaProblemStatus status)
{
  switch (status)
    {
    case XA_STATUS_OPEN:
      return _("Open");
    case XA_STATUS_IN_PROGRESS:
      return _("In progress");
    case XA_STATUS_RESOLVED:
      return _("Resolved");
    case XA_STATUS_CLOSED:
      return _("Closed");
    default:
      return "";
    }
}

const char *
xa_record_words_problem_tier (XaProblemTier tier)
{
  switch (tier)
    {
    case XA_TIER_ON_SITE:
      return _("Solved on site");
    case XA_TIER_CONSULTATION:
      return _("Consultation meeting");
    case XA_TIER_CITY:
      return _("City level");
    default:
      return "";
    }
}

const char *
xa_record_words_yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

const char *
xa_record_words_category (const XaCategory *category)
{
  /* Translators: translate this to "zh" if category names should be shown in Chinese
   * (the records carry both), or leave it as "en". */
  gboolean chinese = g_str_equal (C_("category name language", "en"), "zh");

  g_return_val_if_fail (category != NULL, NULL);

  return chinese ? category->name_zh : category->name_en;
}

static void
add_category_name (gconstpointer record,
                   gpointer      user_data)
{
  const XaCategory *category = record;

  g_hash_table_insert (user_data, g_strdup (category->code),
                       g_strdup (xa_record_words_category (category)));
}

gboolean
xa_record_words_category_names (XaStore     *store,
                                GHashTable  *names,
                                GError     **error)
{
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  return xa_store_foreach (store, XA_RECORD_CATEGORY, add_category_name, names, error);
}
