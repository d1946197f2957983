"""The run's accounts of a year and its economics (docs/model.md, "How a year is run",
step 3, and "Economics"; model/year_accounts.cpp, model/economics.cpp), per iteration:
every metric of model/metrics.hpp from the year's totals, named as in the results file.
"""
from __future__ import annotations

import numpy as np


def year_metrics(batch, t: int, y: dict) -> dict:
    """The metrics of year t [iterations] from the totals of Batch.run_year."""
    s, par = batch.s, batch.par
    v = lambda path: np.asarray(par[path], float)
    index = (1.0 + v("funding.inflation")) ** t
    dispersal = v("workforce.dispersal_cost") * index * y["patients_dispersed"]
    new_roles = sum((y["new_role_fte"][:, r] * v(f"roles.{name}.cost_per_fte") * index
                     for r, name in enumerate(s.roles)), np.zeros(batch.b))
    fte = v("workforce.fte_per_head") * (1.0 + v("workforce.fte_trend")) ** t
    new_roles = new_roles + (y["extra_gp_posts_filled"] * fte * v("capacity.appointments_per_gp_fte")
                             * v("capacity.gp_appointment_cost") * index)
    extended_cost = y["extended_access"] * v("capacity.extended_access_cost") * index
    running = (v("funding.running_cost") * index if int(par["commissioning_level"]) == 3
               else np.zeros(batch.b))
    investment = y["levelling_up"] + y["quality_contract"] + extended_cost + new_roles + running
    ae, to_ae, deflect = v("capacity.ae_cost"), v("capacity.unmet_to_ae"), v("capacity.ae_deflection_share")
    # Extended access deflects at most the attendances unmet GP demand sends to A&E.
    urgent_cost = ae * index * np.maximum(0.0, to_ae * y["unmet_gp"] - deflect * y["extended_access"])
    urgent_savings = ae * index * to_ae * y["unmet_gp_without_levers"] - urgent_cost
    savings = y["referral_savings"] + y["prescribing_savings"] + urgent_savings
    allocation = v("funding.allocation")
    b0 = np.where(allocation != 0, allocation, batch.baseline_spend)
    budget = b0 * (1.0 + v("funding.allocation_growth")) ** t
    headroom = budget - (batch.baseline_spend * index + investment + dispersal)
    over = np.maximum(0.0, -headroom)
    share = v("funding.commissioner_overspend_share_delegated" if int(par["commissioning_level"]) == 3
              else "funding.commissioner_overspend_share_joint")
    with np.errstate(divide="ignore", invalid="ignore"):
        roi = np.where(investment == 0, np.nan, savings / np.where(investment == 0, 1, investment))
        per_1000 = np.where(y["list"] > 0, y["capacity"] / np.where(y["list"] > 0, y["list"], 1)
                            * 1000.0, 0.0)
    return {
        "list_size": y["list"], "weighted_list": y["weighted"],
        "gp_headcount": y["gp_headcount"], "gp_fte": y["gp_fte"], "other_fte": y["other_fte"],
        "practices_open": y["practices_open"], "closures": y["closures"],
        "appointments_demand": y["demand"], "appointments_capacity": y["capacity"],
        "appointments_gap": y["gap"], "appointments_extended_access": y["extended_access"],
        "appointments_per_1000": per_1000, "dispersal_cost": dispersal,
        "levelling_up_cost": y["levelling_up"], "quality_contract_cost": y["quality_contract"],
        "investment": investment, "referrals": y["referrals"],
        "referrals_avoided": y["referrals_avoided"], "referral_savings": y["referral_savings"],
        "prescribing_savings": y["prescribing_savings"], "urgent_care_cost": urgent_cost,
        "savings": savings, "net_cost": investment - savings, "roi": roi,
        "budget_headroom": headroom, "overspend": (headroom < 0).astype(float),
        "appointments_demand_gp": y["demand_gp"], "appointments_capacity_gp": y["capacity_gp"],
        "appointments_gap_gp": y["unmet_gp"], "appointments_demand_other": y["demand_other"],
        "appointments_capacity_other": y["capacity_other"],
        "appointments_gap_other": y["unmet_other"], "appointments_self_care": y["self_care"],
        "appointments_funded_gp": y["funded_gp"], "appointments_funded_other": y["funded_other"],
        "gp_retirements": y["retirements"], "gp_leavers": y["leavers"],
        "gp_recruits": y["recruits"], "gp_closure_losses": y["gps_lost"],
        "mergers": y["mergers"], "patients_dispersed": y["patients_dispersed"],
        "patients_merged": y["patients_merged"], "arrs_fte": y["arrs_fte"],
        "arrs_appointments": y["arrs_appointments"],
        "arrs_cost": y["arrs_fte"] * v("additional_roles.reimbursement_per_fte") * index,
        "extended_access_cost": extended_cost, "new_roles_cost": new_roles,
        "running_cost": running, "baseline_spend": batch.baseline_spend * index,
        "urgent_care_savings": urgent_savings,
        "baseline_referral_cost": y["baseline_referral_cost"],
        "baseline_prescribing_cost": y["baseline_prescribing_cost"],
        "baseline_urgent_care_cost": ae * index * to_ae * y["unmet_gp_without_levers"],
        "overspend_amount": over, "overspend_commissioner": over * share,
        "overspend_nhs_england": over - over * share,
        "single_handed_practices": y["single_handed"], "practices_without_gp": y["without_gp"],
    }


def run_economics(batch, by_year: dict) -> dict:
    """Cumulative ROI (a per-year metric), NPV and payback year [iterations] from the
    investment and savings of every year (metric -> [iterations x years])."""
    investment, savings = by_year["investment"], by_year["savings"]
    invested, saved = np.cumsum(investment, axis=1), np.cumsum(savings, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        by_year["cumulative_roi"] = np.where(invested == 0, np.nan, saved / invested)
    years = np.arange(1, investment.shape[1] + 1)
    rate = np.asarray(batch.par["economics.discount_rate"], float)[:, None]
    # Cash flows deflated to year-0 prices by I(t), then discounted at the real rate.
    inflation = np.asarray(batch.par["funding.inflation"], float)[:, None]
    npv = ((savings - investment) / (1.0 + inflation) ** years / (1.0 + rate) ** years).sum(axis=1)
    paid = (invested > 0) & (saved >= invested)
    payback = np.where(paid.any(axis=1), paid.argmax(axis=1) + 1.0, np.nan)
    return {"npv": npv, "payback_year": payback}
