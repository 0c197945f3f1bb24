/* xa-compound-panel-private.h — what XaCompoundPanel's files share: the rows made in code
 * for one record each and the text helpers (xa-compound-panel-rows.c), which the sections
 * of the panel put into their groups (xa-compound-panel.c). */
#pragma once

#include "xa-compound-panel.h"

G_BEGIN_DECLS

/* @unix_seconds as the bureau's local time, "2025-08-31 18:00"; "" when out of range. */
char         *_xa_compound_panel_format_time      (gint64                      unix_seconds);
/* Joins the non-empty strings of the NULL-terminated list with " · ". */
char         *_xa_compound_panel_join_parts       (const char                 *first,
                                                   ...) G_GNUC_NULL_TERMINATED;
/* Makes @row (a GtkListBoxRow that only shows data) neither activatable nor a Tab stop:
 * the keyboard goes from one control to the next, not through every figure. */
void          _xa_compound_panel_set_read_only    (GtkWidget                  *row);
/* A row of record data with @subtitle (or none when NULL); no markup; read-only. */
AdwActionRow *_xa_compound_panel_data_row_new     (const char                 *title,
                                                   const char                 *subtitle);
/* A cadre: name, unit, phone number and a button that copies it. */
GtkWidget    *_xa_compound_panel_cadre_row_new    (const XaCadre              *cadre);
/* An elevator that opens on its details; its age taken at @now and coloured by
 * @thresholds (NULL: the defaults), a safety assessment counting @reassessment_years.
 * @outbox_state (XaOutboxState, or -1 for none) marks a local edit not yet accepted by the
 * server, here and in the two rows below. */
GtkWidget    *_xa_compound_panel_elevator_row_new (const XaElevator           *elevator,
                                                   gint64                      now,
                                                   int                         reassessment_years,
                                                   const XaElevatorThresholds *thresholds,
                                                   int                         outbox_state);
/* A problem as a block of wrapped lines: its state if open (overdue or not at @now), the
 * deadline, its category named from @store, the ticket and who is responsible. */
GtkWidget    *_xa_compound_panel_problem_row_new  (XaStore                    *store,
                                                   const XaProblem            *problem,
                                                   gint64                      now,
                                                   int                         outbox_state);
/* A resolved problem: when, and the owner's satisfaction if rated. */
GtkWidget    *_xa_compound_panel_resolved_row_new (const XaProblem            *problem,
                                                   int                         outbox_state);

G_END_DECLS
