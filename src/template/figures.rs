//! Figures as printed: values with their units, changes with their signs (or arrows, as the
//! template says), "—" for a figure not given; and text with its `{id}` placeholders filled
//! from the indicators, so that the text and the tables can never disagree.

use super::apply::chinese_date;
use super::{Bar, ChangeStyle};
use crate::model::{pieces, ChartSeries, FigureField, FigureForm, Indicator, MetaField, Piece, Summary, Value};

/// Printed for a figure that is not given.
pub const MISSING: &str = "—";

/// A value as printed: numbers in their shortest exact form, strings (masks) verbatim.
pub fn value(value: Option<&Value>) -> String {
    match value {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Text(t)) => t.clone(),
        None => MISSING.to_owned(),
    }
}

/// A value followed by its unit: "12.6%", "36户"; "—" when not given.
pub fn value_with_unit(indicator: &Indicator) -> String {
    match &indicator.value {
        None => MISSING.to_owned(),
        Some(v) => format!("{}{}", value(Some(v)), indicator.unit.as_deref().unwrap_or("")),
    }
}

/// The change with its sign (or arrow) and unit: "+16.4%", "↓3.2%"; a masked change as
/// written; "—" when the indicator has none.
pub fn change(indicator: &Indicator, style: ChangeStyle) -> String {
    let Some(comparison) = &indicator.comparison else { return MISSING.to_owned() };
    let unit = comparison.unit.as_deref().unwrap_or("");
    match &comparison.change {
        Value::Number(n) => {
            let magnitude = n.magnitude();
            match style {
                ChangeStyle::Sign if n.value > 0.0 => format!("+{magnitude}{unit}"),
                ChangeStyle::Sign if n.value < 0.0 => format!("-{magnitude}{unit}"),
                ChangeStyle::Arrow if n.value > 0.0 => format!("↑{magnitude}{unit}"),
                ChangeStyle::Arrow if n.value < 0.0 => format!("↓{magnitude}{unit}"),
                _ => format!("{magnitude}{unit}"),
            }
        }
        Value::Text(t) => format!("{t}{unit}"),
    }
}

/// An indicator's bar in a chart of `series`.
pub fn bar(indicator: &Indicator, series: ChartSeries) -> Bar {
    let (figure, text) = match series {
        ChartSeries::Value => (indicator.value.as_ref(), value_with_unit(indicator)),
        ChartSeries::Change => (indicator.comparison.as_ref().map(|c| &c.change), change(indicator, ChangeStyle::Sign)),
    };
    let value = match figure {
        Some(Value::Number(n)) => Some(n.value),
        _ => None,
    };
    Bar { label: indicator.name.clone(), value, text }
}

/// `text` with its placeholders replaced by the figures they name. References are checked
/// when the input is read, so an unknown one cannot occur here; it is left as written.
pub fn fill(text: &str, summary: &Summary) -> String {
    let Ok(pieces) = pieces(text) else { return text.to_owned() };
    let mut out = String::with_capacity(text.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Meta { field: MetaField::Date, .. } => {
                out.push_str(&summary.meta.date.as_deref().map(chinese_date).unwrap_or_default());
            }
            Piece::Meta { field, .. } => out.push_str(field.of(&summary.meta).unwrap_or_default()),
            Piece::Figure { placeholder, id, field, form } => match summary.indicator(id) {
                Some(i) => out.push_str(&figure_text(i, field, form)),
                None => out.push_str(placeholder),
            },
        }
    }
    out
}

/// A field in `form`: as it prints, its magnitude, or the word for its direction.
fn figure_text(i: &Indicator, field: FigureField, form: FigureForm) -> String {
    let n = i.number(field);
    match form {
        FigureForm::AsIs => field_text(i, field),
        FigureForm::Magnitude => {
            let unit = match field {
                FigureField::ValueWithUnit => i.unit.as_deref(),
                FigureField::Change => i.comparison.as_ref().and_then(|c| c.unit.as_deref()),
                _ => None,
            };
            match n {
                Some(n) => format!("{}{}", n.magnitude(), unit.unwrap_or("")),
                None => field_text(i, field),
            }
        }
        FigureForm::Direction { rise, fall, level } => match n.map(|n| n.value) {
            Some(v) if v < 0.0 => fall.to_owned(),
            Some(v) if v > 0.0 => rise.to_owned(),
            Some(_) => level.unwrap_or(rise).to_owned(),
            None => rise.to_owned(),
        },
    }
}

fn field_text(i: &Indicator, field: FigureField) -> String {
    match field {
        FigureField::ValueWithUnit => value_with_unit(i),
        FigureField::Value => value(i.value.as_ref()),
        // Running text says "增长16.4%": a rise without its plus sign, a fall with its minus.
        FigureField::Change => change(i, ChangeStyle::Sign).trim_start_matches('+').to_owned(),
        FigureField::Unit => i.unit.clone().unwrap_or_default(),
        FigureField::Name => i.name.clone(),
        FigureField::Rank => i.rank.clone().unwrap_or_else(|| MISSING.to_owned()),
        FigureField::Note => i.note.clone().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, IndicatorKind, Number};

    fn indicator(value: Option<Value>, change: Option<f64>) -> Indicator {
        Indicator {
            id: "x".into(),
            name: "规上工业增加值".into(),
            value,
            unit: Some("%".into()),
            kind: IndicatorKind::GrowthRate,
            comparison: change.map(|c| Comparison {
                basis: "同比".into(),
                change: Value::Number(Number::with_point(c)),
                unit: Some("%".into()),
            }),
            rank: None,
            note: None,
        }
    }

    #[test]
    fn values_changes_and_missing_figures() {
        assert_eq!(value_with_unit(&indicator(Some(Value::Number(Number::with_point(12.6))), None)), "12.6%");
        assert_eq!(value_with_unit(&indicator(Some(Value::Text("**.*".into())), None)), "**.*%");
        assert_eq!(value_with_unit(&indicator(None, None)), "—");
        assert_eq!(change(&indicator(None, Some(16.4)), ChangeStyle::Sign), "+16.4%");
        assert_eq!(change(&indicator(None, Some(-3.2)), ChangeStyle::Sign), "-3.2%");
        assert_eq!(change(&indicator(None, Some(-3.2)), ChangeStyle::Arrow), "↓3.2%");
        assert_eq!(change(&indicator(None, None), ChangeStyle::Sign), "—");
    }

    #[test]
    fn figures_keep_the_decimals_they_were_written_with() {
        let summary: crate::model::Summary = toml::from_str(
            "[meta]\ntitle = \"t\"\n[[indicators]]\nid = \"a\"\nname = \"甲\"\nvalue = 36\nunit = \"户\"\nkind = \"count\"\ncomparison = { basis = \"同比\", change = 3.0, unit = \"%\" }\n[[indicators]]\nid = \"b\"\nname = \"乙\"\nvalue = 120.50\nkind = \"total\"\ncomparison = { basis = \"同比\", change = -0.0, unit = \"%\" }\n[[body]]\nparagraph = \"x\"\n",
        )
        .unwrap();
        let (a, b) = (&summary.indicators[0], &summary.indicators[1]);
        assert_eq!(value_with_unit(a), "36户");
        assert_eq!(change(a, ChangeStyle::Sign), "+3.0%");
        assert_eq!(change(a, ChangeStyle::Arrow), "↑3.0%");
        // A trailing zero past the first is the value's, not the digits': 120.5.
        assert_eq!(value_with_unit(b), "120.5");
        assert_eq!(change(b, ChangeStyle::Sign), "0.0%");
    }
}
