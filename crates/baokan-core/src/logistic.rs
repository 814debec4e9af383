//! Logistic models whose weights are data: `name weight` lines (`#`
//! comments), `bias` the intercept, fitted by scripts under `bench/`.

/// Weights over named features, and an intercept.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Logistic {
    weights: Vec<f64>,
    bias: f64,
}

impl Logistic {
    /// Read a table for these features, in this order. Unknown names are
    /// ignored and missing ones weigh nothing.
    pub(crate) fn parse(table: &str, features: &[&str]) -> Self {
        let mut weights = vec![0.0; features.len()];
        let mut bias = 0.0;
        for line in table.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
            let mut parts = line.split_whitespace();
            let (Some(name), Some(Ok(w))) = (parts.next(), parts.next().map(str::parse::<f64>)) else {
                continue;
            };
            if name == "bias" {
                bias = w;
            } else if let Some(i) = features.iter().position(|f| *f == name) {
                weights[i] = w;
            }
        }
        Logistic { weights, bias }
    }

    /// The log-odds of a feature vector (in the table's feature order).
    pub(crate) fn log_odds(&self, x: &[f64]) -> f64 {
        self.bias + x.iter().zip(&self.weights).map(|(x, w)| x * w).sum::<f64>()
    }

    /// Whether a table gives a weight to every feature and the bias.
    #[cfg(test)]
    pub(crate) fn covers(table: &str, features: &[&str]) -> Result<(), String> {
        let named = |f: &str| table.lines().any(|l| l.split_whitespace().next() == Some(f));
        match features.iter().chain(&["bias"]).find(|f| !named(f)) {
            Some(f) => Err(format!("no weight for {f}")),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_lines_parse() {
        let m = Logistic::parse("# c\nbias -1.5\ncosine 2\nnonsense x\nunknown 3\n", &["chars", "cosine"]);
        assert_eq!(m, Logistic { weights: vec![0.0, 2.0], bias: -1.5 });
        assert_eq!(m.log_odds(&[5.0, 1.0]), 0.5);
        assert!(Logistic::covers("cosine 1\nbias 0", &["cosine", "chars"]).is_err());
        assert!(Logistic::covers("cosine 1\nchars 2\nbias 0", &["cosine", "chars"]).is_ok());
    }
}
