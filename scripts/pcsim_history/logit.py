"""Logistic regression by iteratively reweighted least squares, with the statistics a
calibration report needs. numpy only. The response may be fractional (0 <= y <= 1): an exit
of unknown kind counts as a merger with weight w and a closure with weight 1 - w."""
import math
from dataclasses import dataclass

import numpy as np


@dataclass
class LogitFit:
    names: list
    coef: np.ndarray
    se: np.ndarray           # from the inverse of the information matrix at the optimum
    loglik: float
    null_loglik: float       # intercept only
    n: int
    events: float
    iterations: int
    converged: bool

    def coefficient(self, name):
        return float(self.coef[self.names.index(name)])

    def standard_error(self, name):
        return float(self.se[self.names.index(name)])

    @property
    def aic(self):
        return 2 * len(self.names) - 2 * self.loglik

    @property
    def mcfadden_r2(self):
        return 1.0 - self.loglik / self.null_loglik


def _loglik(y, eta):
    # log p = -log(1+exp(-eta)); log(1-p) = -log(1+exp(eta)); both without overflow
    return float(np.sum(-y * np.logaddexp(0.0, -eta) - (1.0 - y) * np.logaddexp(0.0, eta)))


def probabilities(X, coef):
    return 0.5 * (1.0 + np.tanh(0.5 * (X @ coef)))  # the logistic function, without overflow


def fit_logit(X, y, names, max_iterations=100, tolerance=1e-10, start_intercept=True):
    """Maximum likelihood by IRLS (Newton's method). `names` label X's columns; with
    start_intercept the column 'intercept' starts at the log-odds of the mean."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    coef = np.zeros(X.shape[1])
    mean = y.mean()
    if start_intercept:
        coef[names.index("intercept")] = math.log(mean / (1.0 - mean))
    converged, iteration = False, 0
    current = _loglik(y, X @ coef)
    for iteration in range(1, max_iterations + 1):
        p = probabilities(X, coef)
        weight = p * (1.0 - p)
        information = X.T @ (X * weight[:, None])
        step = np.linalg.solve(information, X.T @ (y - p))
        # Newton's step, halved while it lowers the likelihood (it rarely does for a logit)
        for _ in range(30):
            trial = _loglik(y, X @ (coef + step))
            if trial >= current - 1e-12:
                break
            step = step / 2.0
        coef, current = coef + step, trial
        if np.max(np.abs(step)) < tolerance:
            converged = True
            break
    p = probabilities(X, coef)
    information = X.T @ (X * (p * (1.0 - p))[:, None])
    se = np.sqrt(np.diag(np.linalg.inv(information)))
    null = math.log(mean) * y.sum() + math.log(1.0 - mean) * (len(y) - y.sum())
    return LogitFit(list(names), coef, se, _loglik(y, X @ coef), null, len(y), float(y.sum()),
                    iteration, converged)


def chi2_sf(x, df):
    """P(chi-square with df degrees of freedom > x): the regularised upper incomplete gamma
    Q(df/2, x/2), by its series or continued fraction (Numerical Recipes, 6.2)."""
    if x <= 0:
        return 1.0
    a, z = df / 2.0, x / 2.0
    log_front = a * math.log(z) - z - math.lgamma(a)
    if z < a + 1.0:
        term = total = 1.0 / a
        for k in range(1, 1000):
            term *= z / (a + k)
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(log_front))
    tiny = 1e-300
    b = z + 1.0 - a
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return math.exp(log_front) * h


def likelihood_ratio(full, reduced):
    """(statistic, df, p) of the test of `reduced` nested in `full`."""
    statistic = max(0.0, 2.0 * (full.loglik - reduced.loglik))
    df = len(full.names) - len(reduced.names)
    return statistic, df, chi2_sf(statistic, df)


def c_statistic(y, p):
    """Area under the ROC curve: the chance that an event's probability exceeds a
    non-event's (ties count half). A fractional y is an event with weight y and a
    non-event with weight 1 - y."""
    order = np.argsort(p, kind="mergesort")
    p, positive = p[order], y[order]
    negative = 1.0 - positive
    total, below, i = 0.0, 0.0, 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and p[j + 1] == p[i]:
            j += 1
        tied_negative = negative[i:j + 1].sum()
        total += positive[i:j + 1].sum() * (below + 0.5 * tied_negative)
        below += tied_negative
        i = j + 1
    return float(total / (positive.sum() * negative.sum()))
