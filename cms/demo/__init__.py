"""Demo content for `manage.py load_demo_content`: texts, generated photos and the loader."""
