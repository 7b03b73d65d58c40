"""What an operator reads: requirements.txt declares every package the product imports, and
.env.example lists every variable the settings read, each with one default."""

import ast
import re
import sys
from collections import defaultdict
from importlib import metadata

from tests.utils import REPO

PRODUCT_PACKAGES = ("cms", "home", "locales", "news", "partnerships")
# Read only to choose the settings or the .env file itself; .env.example explains both in prose.
CHOSEN_BEFORE_DOTENV = {"DJANGO_SETTINGS_MODULE", "DOTENV_PATH"}
# The test settings' own knob, not part of operating the product.
TEST_ONLY = {"TEST_MEDIA_ROOT"}
# Settings whose default differs in one environment on purpose: {name: that settings module}.
ENVIRONMENT_DEFAULTS = {"DEBUG": "dev.py"}
READERS = {"env", "env_bool", "env_list"}  # cms.settings.environment's, besides os.environ.get


def product_files():
    files = [REPO / "manage.py"]
    for package in PRODUCT_PACKAGES:
        files.extend(path for path in (REPO / package).rglob("*.py") if "migrations" not in path.parts)
    return files


def imported_top_levels(path):
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0]


def declared_requirements():
    names = set()
    for line in (REPO / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            names.add(normalise(re.split(r"[<>=!~\[; ]", line)[0]))
    return names


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_the_product_imports_is_declared_in_requirements():
    distributions = metadata.packages_distributions()
    declared = declared_requirements()
    missing = defaultdict(set)
    for path in product_files():
        for module in imported_top_levels(path):
            if module in sys.stdlib_module_names or module in PRODUCT_PACKAGES or module == "__future__":
                continue
            providers = {normalise(name) for name in distributions.get(module, [])}
            assert providers, (
                f"{path.relative_to(REPO)} imports {module}, which no installed package provides"
            )
            if not providers & declared:
                missing[module].add(str(path.relative_to(REPO)))
    assert not missing, f"imported but not in requirements.txt: {dict(missing)}"


def variables_read(path):
    """{name: [default as written, ...]} of the environment variables a settings file reads."""
    found = defaultdict(list)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, first = node.func, node.args[0]
        reader = (isinstance(func, ast.Name) and func.id in READERS) or ast.unparse(func) in (
            "os.environ.get",
            "os.getenv",
        )
        if (
            reader
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and first.value.isupper()
        ):
            default = ast.unparse(node.args[1]) if len(node.args) > 1 else None
            found[first.value].append(default)
    return found


def settings_files():
    return sorted((REPO / "cms" / "settings").glob("*.py")) + [REPO / "cms" / "gunicorn.conf.py"]


def documented_variables():
    """Names assigned in .env.example, commented out or not."""
    text = (REPO / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_env_example_lists_exactly_the_variables_the_settings_read():
    read = set()
    for path in settings_files():
        if path.name != "test.py":
            read |= set(variables_read(path))
    read -= CHOSEN_BEFORE_DOTENV | TEST_ONLY
    documented = documented_variables() - CHOSEN_BEFORE_DOTENV
    assert sorted(read - documented) == [], "read by the settings but missing from .env.example"
    assert sorted(documented - read) == [], "in .env.example but read by no setting"


def test_each_variable_has_one_default():
    defaults = defaultdict(dict)  # name -> {file: [defaults]}
    for path in settings_files():
        for name, found in variables_read(path).items():
            defaults[name][path.name] = found
    for name, by_file in defaults.items():
        if name in CHOSEN_BEFORE_DOTENV:
            continue
        for file, found in by_file.items():
            assert len(found) == 1, f"{file} reads {name} {len(found)} times"
        distinct = {found[0] for file, found in by_file.items() if ENVIRONMENT_DEFAULTS.get(name) != file}
        assert len(distinct) == 1, f"{name} has several defaults: {by_file}"


def test_a_gunicorn_worker_loads_the_chinese_dictionary_before_its_first_request():
    import runpy

    from locales import search

    search._segmenter.cache_clear()
    hooks = runpy.run_path(str(REPO / "cms" / "gunicorn.conf.py"))
    try:
        hooks["post_worker_init"](worker=None)
        assert search._segmenter.cache_info().currsize == 1
    finally:
        import gc

        gc.unfreeze()
