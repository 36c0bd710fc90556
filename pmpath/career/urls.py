from django.urls import path

from pmpath.career import (
    assessment_views,
    experience_views,
    goal_views,
    plan_views,
    resource_views,
    views,
)

app_name = "career"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("role/", views.role, name="role"),
    path("levels/<slug:key>/", views.level_detail, name="level"),
    path("backgrounds/<slug:key>/", views.background_detail, name="background"),
    path("profile/", views.onboarding, name="onboarding"),
    path("profile/demo/", views.load_demo_data, name="load_demo"),
    # Self-assessment, readiness, experience log and weekly goals.
    path("assessment/", assessment_views.assessment, name="assessment"),
    path("assessment/new/", assessment_views.assessment_new, name="assessment_new"),
    path("assessment/<int:pk>/", assessment_views.assessment_detail, name="assessment_detail"),
    path(
        "assessment/<int:pk>/behaviours/<int:behaviour_id>/",
        assessment_views.evidence,
        name="evidence",
    ),
    path("evidence/<int:pk>/delete/", assessment_views.evidence_delete, name="evidence_delete"),
    path("readiness/", assessment_views.readiness_page, name="readiness"),
    path("experience/", experience_views.experience, name="experience"),
    path("experience/new/", experience_views.experience_new, name="experience_new"),
    path("experience/plan/", experience_views.experience_plan, name="experience_plan"),
    path("experience/<int:pk>/", experience_views.experience_edit, name="experience_edit"),
    path(
        "experience/<int:pk>/delete/", experience_views.experience_delete, name="experience_delete"
    ),
    path("goals/", goal_views.goals, name="goals"),
    # The learning catalogue and plan.
    path("resources/", resource_views.catalogue, name="resources"),
    path("resources/new/", resource_views.new, name="resource_new"),
    path("resources/import/", resource_views.import_file, name="resources_import"),
    path("resources/export/", resource_views.export, name="resources_export"),
    path("resources/<int:pk>/", resource_views.detail, name="resource"),
    path("resources/<int:pk>/edit/", resource_views.edit, name="resource_edit"),
    path("resources/<int:pk>/delete/", resource_views.delete, name="resource_delete"),
    path("resources/<int:pk>/enrol/", resource_views.enrol, name="resource_enrol"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/<int:pk>/", plan_views.enrolment, name="enrolment"),
    path("plan/<int:pk>/delete/", plan_views.enrolment_delete, name="enrolment_delete"),
]
