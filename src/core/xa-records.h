/* xa-records.h — the record types of the records API (see src/records-api.md) as plain C
 * structs, their enumerations, and the parser that turns one change of the feed into them.
 * Parsing is also validation: everything that reaches the store went through here. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "xa-json-reader.h"

G_BEGIN_DECLS

#define XA_RECORD_ERROR (xa_record_error_quark ())
GQuark xa_record_error_quark (void);

typedef enum
{
  XA_RECORD_ERROR_NOT_AN_OBJECT,   /* the change or its data is not a JSON object */
  XA_RECORD_ERROR_MISSING_FIELD,   /* a required field is absent or null */
  XA_RECORD_ERROR_WRONG_TYPE,      /* a field has the wrong JSON type */
  XA_RECORD_ERROR_BAD_VALUE,       /* out of range, unknown enum value, bad date, bad id */
  XA_RECORD_ERROR_UNKNOWN_TYPE,    /* a record type this client does not know */
  XA_RECORD_ERROR_UNKNOWN_REFERENCE, /* points at a record the store has never seen */
  XA_RECORD_ERROR_BAD_JSON,        /* the text of the change is not JSON (xa_change_from_text) */
} XaRecordError;

typedef enum
{
  XA_RECORD_DISTRICT,
  XA_RECORD_CATEGORY,
  XA_RECORD_COMPOUND,
  XA_RECORD_CADRE,
  XA_RECORD_FLOOD_CHECK,
  XA_RECORD_CHARGING,
  XA_RECORD_ELEVATOR,
  XA_RECORD_PROBLEM,
  XA_N_RECORD_TYPES
} XaRecordType;

const char *xa_record_type_to_string   (XaRecordType type);
gboolean    xa_record_type_from_string (const char   *name,
                                        XaRecordType *out_type);

typedef enum { XA_COMPOUND_RESIDENTIAL, XA_COMPOUND_COMMERCIAL, XA_COMPOUND_MIXED } XaCompoundKind;
typedef enum { XA_INSPECTION_NONE = -1, XA_INSPECTION_PASS, XA_INSPECTION_PASS_WITH_REMARKS,
               XA_INSPECTION_FAIL } XaInspectionResult;
typedef enum { XA_GRADE_NONE = -1, XA_GRADE_A, XA_GRADE_B, XA_GRADE_C,
               XA_GRADE_D } XaAssessmentGrade;
typedef enum { XA_RENEWAL_NONE, XA_RENEWAL_PROPOSED, XA_RENEWAL_PLANNED, XA_RENEWAL_FUNDED,
               XA_RENEWAL_IN_PROGRESS, XA_RENEWAL_DONE } XaRenewalStatus;
typedef enum { XA_FUNDING_NONE = -1, XA_FUNDING_SPECIAL_BONDS, XA_FUNDING_MAINTENANCE_FUND,
               XA_FUNDING_OWNERS, XA_FUNDING_OTHER } XaFundingSource;
typedef enum { XA_SOURCE_HOTLINE_12345, XA_SOURCE_INSPECTION, XA_SOURCE_OWNER,
               XA_SOURCE_CADRE } XaProblemSource;
typedef enum { XA_STATUS_OPEN, XA_STATUS_IN_PROGRESS, XA_STATUS_RESOLVED,
               XA_STATUS_CLOSED } XaProblemStatus;
typedef enum { XA_TIER_ON_SITE, XA_TIER_CONSULTATION, XA_TIER_CITY } XaProblemTier;
typedef enum { XA_KEY_ACTION_NONE = -1, XA_KEY_ACTION_CONTRACT_PUBLICITY,
               XA_KEY_ACTION_PUBLIC_REVENUE, XA_KEY_ACTION_ELEVATOR_RENEWAL,
               XA_KEY_ACTION_FLOOD_PREVENTION, XA_KEY_ACTION_EBIKE_CHARGING,
               XA_KEY_ACTION_MAINTENANCE_FUND, XA_KEY_ACTION_POWER_SUPPLY,
               XA_KEY_ACTION_UTILITIES_SUPPLY, XA_KEY_ACTION_PROPERTY_SERVICE,
               XA_KEY_ACTION_FIRE_SAFETY } XaKeyAction;

/* The wire spelling of each enumeration value; the index is the C value (>= 0). */
extern const char * const xa_compound_kind_names[];
extern const char * const xa_inspection_result_names[];
extern const char * const xa_assessment_grade_names[];
extern const char * const xa_renewal_status_names[];
extern const char * const xa_funding_source_names[];
extern const char * const xa_problem_source_names[];
extern const char * const xa_problem_status_names[];
extern const char * const xa_problem_tier_names[];
extern const char * const xa_key_action_names[];

/* Looks @name up in a NULL-terminated @names table; -1 when absent. */
int xa_enum_from_string (const char * const *names,
                         const char         *name);

typedef struct
{
  char   *code;
  char   *name;
  double  lat;
  double  lon;
} XaDistrict;

typedef struct
{
  char       *code;
  char       *name_zh;
  char       *name_en;
  XaKeyAction key_action;
} XaCategory;

typedef struct
{
  char          *id;
  char          *name;
  char          *district;
  char          *subdistrict;
  char          *community;
  char          *address;
  double         lat;
  double         lon;
  double        *boundary;          /* lon,lat pairs; NULL when unknown */
  guint          n_boundary_points;
  XaCompoundKind kind;
  int            built_year;        /* 0 when unknown */
  int            buildings;
  int            households;
  char          *property_company;  /* NULL when self-managed */
  gboolean       owners_committee;
  gboolean       public_revenue_recorded;
  gboolean       special_account;
  gint64         supervised_fen;
} XaCompound;

typedef struct
{
  char  *id;
  char  *name;
  char  *unit;
  char  *phone;
  char **compounds;                 /* NULL-terminated compound ids */
} XaCadre;

/* The four 到位 items of a flood check, in wire order. */
typedef enum { XA_FLOOD_SUPPLIES, XA_FLOOD_PERSONNEL, XA_FLOOD_PLAN, XA_FLOOD_DRILL,
               XA_N_FLOOD_ITEMS } XaFloodItemKind;
extern const char * const xa_flood_item_names[];

typedef struct
{
  gboolean in_place;
  char    *date;                    /* YYYY-MM-DD or NULL */
  char    *notes;                   /* or NULL */
} XaFloodItem;

typedef struct
{
  char       *id;
  char       *compound;
  int         season;
  XaFloodItem items[XA_N_FLOOD_ITEMS];
  int         drills_held;
  int         pumps;
  int         sandbags;
  int         low_lying_spots;
  int         problems_found;
  int         problems_fixed;
  gint64      inspected_at;         /* unix seconds, UTC */
  char       *inspected_by;
} XaFloodCheck;

typedef struct
{
  char *id;
  char *compound;
  int   registered_ebikes;
  int   ports;
  int   smart_ports;
  int   sheds;
  int   outside_sites;
} XaCharging;

typedef struct
{
  char              *id;
  char              *compound;
  char              *building;
  char              *unit;
  char              *registration_code;
  char              *maker;
  char              *model;
  char              *commissioned;   /* YYYY-MM-DD */
  char              *last_inspection;/* YYYY-MM-DD or NULL */
  XaInspectionResult inspection_result;
  int                faults_12m;
  int                entrapments_12m;
  XaAssessmentGrade  assessment_grade;
  char              *assessed_on;    /* YYYY-MM-DD of that assessment, or NULL */
  XaRenewalStatus    renewal_status;
  int                planned_year;   /* 0 when none */
  XaFundingSource    funding_source;
} XaElevator;

typedef struct
{
  char           *id;
  char           *compound;
  char           *category;
  XaProblemSource source;
  char           *ticket_no;         /* or NULL */
  char           *title;
  char           *description;       /* or NULL */
  gint64          reported_at;       /* unix seconds, UTC */
  gint64          deadline;
  XaProblemStatus status;
  XaProblemTier   tier;
  char           *responsible_party;
  gint64          resolved_at;       /* 0 when not resolved */
  char           *resolution_note;   /* or NULL */
  int             satisfaction;      /* 1..5, 0 when none */
} XaProblem;

/* One entry of the change feed. When @deleted, @record is NULL. */
typedef struct
{
  gint64       seq;
  XaRecordType type;
  char        *id;
  gint64       version;
  gboolean     deleted;
  gpointer     record;               /* XaDistrict*, XaCompound*, … by @type */
} XaChange;

/* Parses and validates one change of the feed: the one place where records are checked.
 * Errors (XA_RECORD_ERROR) name the record's type, id and the field at fault. */
XaChange *xa_change_from_json (const XaJsonNode  *node,
                               GError           **error);
/* The same for the JSON text of one change. When the text is not JSON the error names the
 * record's type and id (when they came before the fault) and the field, as every other. */
XaChange *xa_change_from_text (const char        *text,
                               gssize             length,
                               GError           **error);
void      xa_change_free      (XaChange          *change);

void xa_district_free    (XaDistrict   *district);
void xa_category_free    (XaCategory   *category);
void xa_compound_free    (XaCompound   *compound);
void xa_cadre_free       (XaCadre      *cadre);
void xa_flood_check_free (XaFloodCheck *check);
void xa_charging_free    (XaCharging   *charging);
void xa_elevator_free    (XaElevator   *elevator);
void xa_problem_free     (XaProblem    *problem);

/* Parses ISO 8601 with an offset into unix seconds. */
gboolean xa_parse_time (const char *text,
                        gint64     *out_unix);
/* Validates YYYY-MM-DD (a real calendar day). */
gboolean xa_parse_date (const char *text,
                        GDate      *out_date);
/* The rough box of China that every coordinate must fall in. */
gboolean xa_coordinates_in_china (double lat,
                                  double lon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaChange, xa_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaDistrict, xa_district_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCategory, xa_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCompound, xa_compound_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCadre, xa_cadre_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaFloodCheck, xa_flood_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaCharging, xa_charging_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaElevator, xa_elevator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaProblem, xa_problem_free)

G_END_DECLS
