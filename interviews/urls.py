from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.home, name="home"),
]
