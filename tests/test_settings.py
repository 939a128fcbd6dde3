"""One settings object: every variable read once, typed, and documented in one table."""
import re

import pytest

from conftest import REPO
from flows.settings import Settings, SettingsError, variables_table


def test_the_documented_table_is_the_settings_table():
    operations = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- variables:start -->\n(.*)\n<!-- variables:end -->", operations, re.S).group(1)
    assert shown == variables_table()


def test_settings_from_the_environment():
    s = Settings.from_env({"KABAR_LAKE": "s3://b/p", "KABAR_REPLAY": "http://127.0.0.1:9", "KABAR_CONTACT": "ops@x.id",
                           "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "KABAR_RAW_RETENTION_DAYS": "30"})
    assert (s.lake, s.replay, s.raw_retention_days) == ("s3://b/p", "http://127.0.0.1:9", 30)
    assert s.s3.endpoint == "http://127.0.0.1:5000" and s.s3.region == "us-east-1"
    assert "ops@x.id" in s.user_agent
    assert Settings.from_env({"KABAR_S3_ENDPOINT": "a:1", "AWS_ENDPOINT_URL": "b:2"}).s3.endpoint == "a:1"
    default = Settings.from_env({})
    assert (default.lake, default.replay, default.contact) == ("data/lake", None, None)
    assert "KABAR_CONTACT" in default.user_agent  # says how to name the operator


def test_an_explicit_replay_choice_wins_over_the_variable():
    s = Settings.from_env({"KABAR_REPLAY": "http://127.0.0.1:9"})
    assert s.replay_or_default(None) == "http://127.0.0.1:9"
    assert s.replay_or_default("") is None and s.replay_or_default("http://127.0.0.1:1") == "http://127.0.0.1:1"


def test_a_bad_value_names_its_variable():
    with pytest.raises(SettingsError, match="KABAR_RAW_RETENTION_DAYS"):
        Settings.from_env({"KABAR_RAW_RETENTION_DAYS": "abc"})
