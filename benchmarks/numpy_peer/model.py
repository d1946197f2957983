"""The model of docs/model.md for a batch of iterations at once: every state an array of
iterations x practices (GPs: x age bands), every draw vectorised, as well as NumPy allows.

Draws (numpy Generator; the law of each is pcsim's, the random numbers are not):
- list noise: one normal per practice-year;
- GP exits and ageing: per non-empty (practice, band), sequential binomials for the
  multinomial of retire / leave / age up / stay (retire ~ Bin(n, r), leave ~ Bin(n - retire,
  l), age up ~ Bin(rest, 1/5));
- recruitment: posts = floor(v) + [u < v - floor(v)], recruits ~ Bin(posts, fill rate), one
  binomial per practice with posts;
- quality achievement: one uniform per practice, standard and year; sign-up (optional
  standards) and the referral baseline once per practice;
- practice changes: changes.py.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from changes import Grouping, year_end_changes
from gp_step import gp_exits, recruitment
from practices import PracticeSet
from scenario import AGE_BANDS, NotImplementedInPeer, Scenario
from targets import levelling_targets

def ramp(t: int, years) -> np.ndarray:
    years = np.asarray(years, float)
    return np.where(years <= 0, 1.0, np.minimum(1.0, t / np.where(years > 0, years, 1.0)))


@dataclass
class State:
    list: np.ndarray         # L(p,t)            [B x P]
    weighted: np.ndarray     # W(p,t)
    gps: np.ndarray          # GPs by band       [B x 9 x P], whole numbers
    gp_total: np.ndarray
    ratio: np.ndarray        # establishment GPs per patient
    role_fte: np.ndarray     # baseline FTE      [B x P x R]
    open: np.ndarray         # bool
    referral_rate: np.ndarray


class Batch:
    """One batch of iterations: parameters drawn, year 0 set up (reference_state.hpp,
    start), then run_year(t) for t = 1..H, each returning the year's totals."""

    def __init__(self, s: Scenario, ps: PracticeSet, rng: np.random.Generator, size: int):
        self.s, self.ps, self.rng, self.b = s, ps, rng, size
        self.par = par = s.draw(rng, size)
        for path in s.uncertain:
            if path.startswith("roles.") and path.endswith("baseline_fte_per_1000"):
                raise NotImplementedInPeer(f"uncertain '{path}' (pcsim's loader fixes it)")
        n = len(ps.codes)
        c = self.col
        weights = ps.payments_weighted
        weights = np.where(weights > 0, weights, ps.weighted)
        self.f0 = ps.core_funding / weights
        self.target = levelling_targets(s, ps, self.f0)
        self.nb, self.area = Grouping(ps.neighbourhood), Grouping(ps.ccg)
        gps = np.broadcast_to(ps.gp_bands.T.astype(np.int64), (size, 9, n)).copy()
        gp_total = gps.sum(axis=1).astype(float)
        registered = np.broadcast_to(ps.registered, (size, n))
        roles = np.stack([c(f"roles.{r}.baseline_fte_per_1000") * registered / 1000.0
                          for r in s.roles], axis=2) if s.roles else np.zeros((size, n, 0))
        ratio = np.where(registered > 0, gp_total / np.where(registered > 0, registered, 1), 0.0)
        # Year-0 draws: quality sign-up (optional standards) and the referral baseline.
        self.applies = np.ones((size, n, len(s.standards)), bool)
        for k, name in enumerate(s.standards):
            if not par[f"funding.quality_standards.{name}.mandatory"]:
                share = c(f"funding.quality_standards.{name}.sign_up_share")
                self.applies[:, :, k] = rng.random((size, n)) < share
        cv = c("savings.referral_rate_cv")
        log_sd = np.sqrt(np.log1p(cv * cv))
        z = rng.standard_normal((size, n))
        rate0 = c("savings.referrals_per_1000_weighted") * np.exp(log_sd * z - 0.5 * log_sd ** 2)
        self.rate0 = rate0
        self.bench = self._peer_benchmarks(rate0) if par["savings.benchmarking"] else None
        self.st = State(registered.copy(), np.broadcast_to(ps.weighted, (size, n)).copy(), gps,
                        gp_total, ratio.copy(), roles, np.ones((size, n), bool), rate0.copy())
        core = ps.core_funding.sum()
        bs = par["funding.baseline_spend"]
        self.baseline_spend = np.where(bs != 0, bs, core)

    def col(self, path: str) -> np.ndarray:
        """A number parameter as a column [B x 1], to broadcast over practices."""
        return np.asarray(self.par[path], float).reshape(-1, 1)

    def _peer_benchmarks(self, rate0: np.ndarray) -> np.ndarray:
        q = np.asarray(self.par["savings.benchmark_percentile"])
        bench = np.full((self.b, self.ps.peer_groups), np.nan)
        for g in range(self.ps.peer_groups):
            members = rate0[:, self.ps.peer_group == g]
            if members.shape[1]:
                bench[:, g] = [np.percentile(members[i], q[i]) for i in range(self.b)]
        return bench

    def arrs_density(self, t: int) -> np.ndarray:
        """d(t), additional roles' FTE per 10,000 weighted patients [B x 1]."""
        p, start = self.par, int(self.s.get("start_year"))
        first_t = int(p["additional_roles.first_calendar_year"]) - start + 1
        k = 0 if t < first_t else t - max(first_t, 1) + 1
        d0 = self.col("additional_roles.fte_per_10000_start") if start - 1 >= int(
            p["additional_roles.first_calendar_year"]) else 0.0
        ceiling = self.col("additional_roles.fte_per_10000_ceiling")
        return ceiling - (ceiling - d0) * (1.0 - self.col("additional_roles.growth_share")) ** k

    def capacity(self, t: int, list_, weighted, gp_total, role_fte, lu, index, ea_rate,
                 new_rate) -> dict:
        """Demand, capacity and unmet demand summed over practices (split_demand,
        practice_capacity, unmet_demand). Everything but unmet demand is linear in the
        practices' lists, GPs and FTE, so only the two unmet-demand terms are computed per
        practice and the rest from the sums. role_fte: baseline FTE [B x P x R]; new_rate:
        filled new FTE of each role per patient [B x R]; ea_rate: extended access per
        patient [B x 1]; lu: levelling-up money per practice [B x P] or None."""
        c, s = self.col, self.s
        sum_l, sum_w, sum_h = list_.sum(axis=1), weighted.sum(axis=1), gp_total.sum(axis=1)
        per_patient = c("population.consultations_per_patient") * (
            1.0 + c("population.consultation_growth")) ** t
        d = c("population.diversion_max") * ramp(t, c("population.diversion_ramp_years")) if t >= 1 else 0.0
        share, self_care = c("population.gp_share"), c("population.self_care_share")
        a_gp = share * (1.0 - d) * per_patient
        a_other = ((1.0 - share) + share * d * (1.0 - self_care)) * per_patient
        fte_head = c("workforce.fte_per_head") * (1.0 + c("workforce.fte_trend")) ** t
        per_gp = fte_head * c("capacity.appointments_per_gp_fte")
        arrs_per_w = self.arrs_density(t) / 10000.0 * c("additional_roles.appointments_per_fte")
        arrs_gp_per_w = arrs_per_w * c("additional_roles.gp_demand_share")
        per_fte = np.stack([c(f"roles.{r}.appointments_per_fte")[:, 0] for r in s.roles],
                           axis=1) if s.roles else np.zeros((self.b, 0))
        roles0 = np.einsum("bpr,br->bp", role_fte, per_fte)
        roles_per_l = (new_rate * per_fte).sum(axis=1)[:, None]
        gap_gp = (a_gp - ea_rate) * list_ - per_gp * gp_total - arrs_gp_per_w * weighted
        gap_other = (a_other - roles_per_l) * list_ - roles0 - (arrs_per_w - arrs_gp_per_w) * weighted
        k_gp = k_other = np.zeros((self.b, 1))
        if lu is not None and np.any(c("funding.clinical_spend_share") != 0):
            clinical = c("funding.clinical_spend_share")
            gp_cost = c("capacity.gp_appointment_cost") * index
            other_cost = c("capacity.other_appointment_cost") * index
            k_gp = np.divide(clinical * c("funding.gp_time_share"), gp_cost,
                             out=np.zeros_like(gp_cost), where=gp_cost > 0)
            k_other = np.divide(clinical * (1.0 - c("funding.gp_time_share")), other_cost,
                                out=np.zeros_like(other_cost), where=other_cost > 0)
            gap_gp -= k_gp * lu
            gap_other -= k_other * lu
        sum_lu = lu.sum(axis=1) if lu is not None else np.zeros(self.b)
        col = lambda x: np.asarray(x, float).reshape(-1) if np.ndim(x) else np.full(self.b, x)
        x = {"demand_gp": col(a_gp) * sum_l, "demand_other": col(a_other) * sum_l,
             "self_care": col(share * d * self_care * per_patient) * sum_l,
             "gp_fte": col(fte_head) * sum_h, "capacity_gp": col(per_gp) * sum_h,
             "arrs_fte": col(self.arrs_density(t) / 10000.0) * sum_w,
             "arrs_appointments": col(arrs_per_w) * sum_w,
             "capacity_other": (roles0.sum(axis=1) + col(roles_per_l) * sum_l
                                + col(arrs_per_w - arrs_gp_per_w) * sum_w),
             "funded_gp": col(k_gp) * sum_lu, "funded_other": col(k_other) * sum_lu,
             "extended_access": col(ea_rate) * sum_l,
             "unmet_gp": np.maximum(0.0, gap_gp).sum(axis=1),
             "unmet_other": np.maximum(0.0, gap_other).sum(axis=1),
             # U°: no diversion, funded capacity or extended access (unmet_gp_without_levers).
             "unmet_gp_without_levers": np.maximum(
                 0.0, share * per_patient * list_ - per_gp * gp_total - arrs_gp_per_w * weighted
             ).sum(axis=1)}
        x["capacity"] = (x["capacity_gp"] + x["funded_gp"] + col(arrs_gp_per_w) * sum_w
                         + x["capacity_other"] + x["funded_other"] + x["extended_access"])
        x["other_fte"] = role_fte.sum(axis=(1, 2)) + new_rate.sum(axis=1) * sum_l
        x["new_role_fte"] = new_rate * sum_l[:, None]
        return x

    def run_year(self, t: int) -> dict:
        s, ps, st, c, par, rng = self.s, self.ps, self.st, self.col, self.par, self.rng
        b, n = st.list.shape
        index = (1.0 + c("funding.inflation")) ** t
        y = {}
        # 1.1 list step: L and W grow by max(0, 1 + g + e).
        factor = np.maximum(0.0, 1.0 + c("population.list_growth")
                            + rng.standard_normal((b, n)) * c("population.list_noise_sd"))
        st.list *= factor
        st.weighted *= factor
        # 1.2 funding: f(p,t), LU(p,t) and the uplift that may set the leaver rate.
        f0 = self.f0[None, :]
        base_cash = f0 * index
        f = base_cash
        if par["funding.levelling_up"]:
            tgt = self.target[None, :]
            phased = f0 + (tgt - f0) * ramp(t, c("funding.levelling_years"))
            up = f0 < tgt  # NaN target: not levelled
            f = np.where(up, index * phased, f)
            if par["funding.level_down"]:
                cap = f0 * (1.0 - c("funding.max_reduction_per_year") * t)
                f = np.where(f0 > tgt, index * np.maximum(phased, cap), f)
        lu = (f - base_cash) * st.weighted if par["funding.levelling_up"] else np.zeros((b, 1))
        leaver = c("workforce.leaver_rate")
        if np.any(c("workforce.leaver_reduction_per_uplift") != 0):
            uplift = np.divide(f - base_cash, base_cash, out=np.zeros((b, n)), where=base_cash > 0)
            leaver = leaver * np.maximum(0.0, 1.0 - c("workforce.leaver_reduction_per_uplift") * uplift)
        y["levelling_up"] = lu.sum(axis=1)
        # 1.3 GP exits and ageing, then recruitment.
        rates = np.array([par[f"workforce.retirement_rate.{k}"] for k in AGE_BANDS], float)
        retire = np.minimum(1.0, rates.reshape(9, -1).T * c("workforce.retirement_multiplier"))
        y["retirements"], y["leavers"] = gp_exits(rng, st.gps, retire, np.broadcast_to(
            leaver, (b, leaver.shape[1])))
        establishment = st.ratio * st.list + c("workforce.extra_gp_posts_per_30000") * st.list / 30000.0
        y["recruits"], st.gp_total = recruitment(
            rng, st.gps, establishment, np.asarray(par["workforce.fill_rate"], float),
            AGE_BANDS.index(par["workforce.entry_band"]))
        y["gp_headcount"] = st.gp_total.sum(axis=1)
        # The lever's extra posts filled in the proportion of the establishment
        # (filled_extra_gp_posts), open practices only.
        extra = c("workforce.extra_gp_posts_per_30000") * st.list / 30000.0
        share = np.minimum(1.0, st.gp_total / np.where(establishment > 0, establishment, 1.0))
        y["extra_gp_posts_filled"] = np.where(st.open & (extra > 0), extra * share, 0.0).sum(axis=1)
        # 1.4 roles: baseline FTE + filled new posts (per patient); 1.5 demand, capacity,
        # unmet demand, extended access.
        new_rate = np.zeros((b, len(s.roles)))
        for r, name in enumerate(s.roles):
            if t >= max(1, int(par[f"roles.{name}.start_year"])):
                new_rate[:, r] = (c(f"roles.{name}.new_posts_per_30000")
                                  * c(f"roles.{name}.role_fill_rate"))[:, 0] / 30000.0
        on = t >= max(1, int(par["capacity.extended_access_start_year"]))
        ea_rate = c("capacity.extended_access_per_1000") / 1000.0 if on else np.zeros((b, 1))
        y.update(self.capacity(t, st.list, st.weighted, st.gp_total, st.role_fte,
                               lu if par["funding.levelling_up"] else None, index, ea_rate,
                               new_rate))
        y["demand"] = y["demand_gp"] + y["demand_other"]
        y["gap"] = y["unmet_gp"] + y["unmet_other"]
        # 1.6 quality contract: achieved ~ Bernoulli(achievement rate) per standard.
        quality = np.zeros((b, n))
        for k, name in enumerate(s.standards):
            pay = c(f"funding.quality_standards.{name}.payment_per_weighted_patient")
            rate = c(f"funding.quality_standards.{name}.achievement_rate")
            achieved = self.applies[:, :, k] & (rng.random((b, n)) < rate)
            quality += achieved * pay * index * st.weighted
        y["quality_contract"] = quality.sum(axis=1)
        # 1.7 referrals (benchmarking, EUR) and prescribing.
        if self.bench is not None:
            bench = self.bench[:, ps.peer_group]
            st.referral_rate = st.referral_rate - c("savings.convergence") * np.maximum(
                0.0, st.referral_rate - bench)
        eur = (c("savings.limited_value_share") * c("savings.eur_reduction")
               * ramp(t, c("savings.ramp_years"))) if par["savings.eur"] else 0.0
        referrals = st.referral_rate * st.weighted / 1000.0 * (1.0 - eur)
        baseline = self.rate0 * st.weighted / 1000.0
        y["referrals"] = referrals.sum(axis=1)
        avoided = (baseline - referrals).sum(axis=1)
        y["referrals_avoided"] = avoided
        cost_ref = self.par["savings.cost_per_referral"] * index[:, 0]
        y["referral_savings"] = avoided * cost_ref
        y["baseline_referral_cost"] = baseline.sum(axis=1) * cost_ref
        prescribing = (c("savings.prescribing_per_weighted") * st.weighted
                       * (1.0 + c("savings.prescribing_growth")) ** t).sum(axis=1)
        y["baseline_prescribing_cost"] = prescribing
        y["prescribing_savings"] = (prescribing * self.par["savings.prescribing_reduction"]
                                    * ramp(t, self.par["savings.ramp_years"])
                                    if par["savings.prescribing_kpi"] else np.zeros(b))
        # 2. the year-end practice changes; 3. the counts after them.
        y.update(year_end_changes(st, par, rng, self.nb, self.area, ps.apms[None, :]))
        y["list"], y["weighted"] = st.list.sum(axis=1), st.weighted.sum(axis=1)
        heads = np.floor(st.gp_total + 0.5)
        y["practices_open"] = st.open.sum(axis=1).astype(float)
        y["single_handed"] = (st.open & (heads == 1)).sum(axis=1).astype(float)
        y["without_gp"] = (st.open & (heads <= 0)).sum(axis=1).astype(float)
        return y
