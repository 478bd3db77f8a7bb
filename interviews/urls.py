from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("interviews/new/", views.interview_new, name="interview_new"),
    path("interviews/<int:pk>/", views.interview_room, name="interview_room"),
    path("interviews/<int:pk>/p/<int:order>/save/", views.draft_save, name="draft_save"),
    path(
        "interviews/<int:pk>/p/<int:order>/submit/",
        views.submission_create,
        name="submission_create",
    ),
    path("interviews/<int:pk>/p/<int:order>/hint/", views.hint_reveal, name="hint_reveal"),
    path("interviews/<int:pk>/p/<int:order>/language/", views.item_language, name="item_language"),
    path("interviews/<int:pk>/chat/", views.chat, name="chat"),
    path("interviews/<int:pk>/finish/", views.interview_finish, name="interview_finish"),
    path("interviews/<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("history/", views.history_view, name="history"),
]
