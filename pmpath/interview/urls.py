from django.urls import path

from pmpath.interview import bank_views, mock_views, practice_views, prep_views, story_views, views

app_name = "interview"

urlpatterns = [
    path("", views.index, name="index"),
    path("questions/", bank_views.question_list, name="questions"),
    path("questions/new/", bank_views.question_new, name="question_new"),
    path("questions/suggest/", bank_views.question_suggest, name="question_suggest"),
    path("questions/import/", bank_views.questions_import, name="questions_import"),
    path("questions/export/", bank_views.questions_export, name="questions_export"),
    path("questions/template.csv", bank_views.questions_template, name="questions_template"),
    path("questions/<int:pk>/", bank_views.question_detail, name="question"),
    path("questions/<int:pk>/edit/", bank_views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", bank_views.question_delete, name="question_delete"),
    path("practice/", practice_views.pick, name="practice_pick"),
    path("practice/<int:pk>/", practice_views.practise, name="practice"),
    path("practice/<int:pk>/draft/", practice_views.save_draft, name="practice_draft"),
    path("attempts/<int:pk>/", practice_views.attempt_detail, name="attempt"),
    path("stories/", story_views.story_list, name="stories"),
    path("stories/new/", story_views.story_new, name="story_new"),
    path("stories/<int:pk>/", story_views.story_detail, name="story"),
    path("stories/<int:pk>/delete/", story_views.story_delete, name="story_delete"),
    path("stories/<int:pk>/uses/", story_views.story_use_add, name="story_use_add"),
    path("story-uses/<int:pk>/delete/", story_views.story_use_delete, name="story_use_delete"),
    path("mocks/", mock_views.mock_list, name="mocks"),
    path("mocks/<int:pk>/", mock_views.mock_detail, name="mock"),
    path("mocks/<int:pk>/start/", mock_views.mock_start, name="mock_start"),
    path("mocks/<int:pk>/run/", mock_views.mock_run, name="mock_run"),
    path("mocks/<int:pk>/delete/", mock_views.mock_delete, name="mock_delete"),
    path("prep/<int:pk>/", prep_views.prep, name="prep"),
    path("prep/<int:pk>/stories/", prep_views.prep_story, name="prep_story"),
]
