"""The pure core of the edition: data, rules and checks. It never imports Sphinx or docutils."""
